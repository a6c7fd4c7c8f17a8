/// The text of `clientele-bench help`.
enum Usage {
    static let text = """
        usage: clientele-bench <command> [options]     (prints key=value lines)
          dataset --customers N --out DIR [--pricing] [--seed S] [--products P] [--queries Q]
                  the CSV files of ../shared/peers/README.md, deterministic for a seed
          pbkdf2  [--iterations 600000]
                  PBKDF2-HMAC-SHA256 of one password, best of 5
          journal --dir DIR [--records 1000000] [--writers 16] [--commits 3000] [--reopen-only]
                  durable commits (1 and K writers), reopen of N records, store size
          pricing --data DIR [--queries 200000] [--passes 3]
                  checksum and ns per price resolution (one call each, and resolveAll) vs
                  pricing_oracle.py; book build time
          login   [--iterations 600000] [--registrations 4000] [--hashed-registrations 32] [--folder DIR]
                  one login; durable registrations per second with 1 and 16 writers
          common-passwords [--checks 100000]
                  first use of the built-in common-password list (load and set build); one check
          reopen  [--customers 200000] [--dir DIR] [--writers 16] [--reopen-only]
                  reopen of file-backed Accounts (N accounts) and Consent (N ledgers of 2 records)
          segments --data DIR --queries FILE [--passes 3]
                  segment queries over customers.csv: counts and checksums as segments.py prints
                  them, seconds for all into member sets (one thread), incremental ns, fact bytes
          profiling [--customers 100000] [--history-limit 50] [--profiles 1024] [--situations 4096] [--passes 31]
                  ns per nextQuestions call (40-field catalog, also per moment); resident
                  bytes per customer of an in-memory profile store (five fields each)
          memory  [--customers 100000] [--writers 1]
                  resident bytes per customer of an in-memory CustomerHub (account, five-field
                  profile, two consent records; segment facts after start())
          open    [--customers 100000] [--folder DIR] [--writers 16] [--reopen-only]
                  reopen of a file-backed CustomerHub folder to a ready facade (open + start),
                  and each store's open on its own
          order-flow [--customers 10000] [--orders 5000] [--writers 1] [--folder DIR]
                  orders per second through CustomerHub.recordOrder (facts, 20 segments,
                  lifecycle, triggers, consent decision), file-backed
          import  --data DIR [--folder DIR] [--batch 10000] [--rerun] [--progress]
                  CustomerHub.importCustomers of DIR/customers.csv into a fresh file-backed hub
        """

    static func print() {
        Swift.print(text)
    }
}
