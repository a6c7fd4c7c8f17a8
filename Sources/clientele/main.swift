import Clientele
import Foundation

/// The `clientele` command: the end-to-end demo and admin commands on a store folder.
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "demo":
    print("""
        Clientele demo
        Modules in this build:
          ClienteleCore          values, errors, clock, IDs, events, crypto, journal engine
          ClienteleAccounts      accounts, credentials, sessions, activation
          ClienteleProfiling     progressive profiling (planned)
          ClienteleConsent       consent ledger and contact decisions
          ClientelePricing       customer-specific pricing
          ClienteleSegmentation  segments, lifecycle, triggers (planned)
        """)
case "_journal-crash-writer": exit(await JournalCrashWriter.run(Array(arguments.dropFirst())))
case "help", "--help", "-h", nil:
    print("""
        usage: clientele <command>
          demo    run the end-to-end shop scenario
          help    show this text
        """)
default:
    var standardError = StandardError()
    print("clientele: unknown command '\(arguments[0])'; try 'clientele help'", to: &standardError)
    exit(64)
}
