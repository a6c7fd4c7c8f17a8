import Clientele
import Foundation

/// The `clientele` command: the end-to-end demo (planned: admin commands on a store folder, issue 18).
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "demo":
    do {
        try await DemoScenario.run()
    } catch {
        var standardError = StandardError()
        print("clientele demo failed: \(error)", to: &standardError)
        exit(1)
    }
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
