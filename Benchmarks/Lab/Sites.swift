/// Made-up news sites and the boilerplate lines their pages carry.
enum Sites {
    static let all = ["courier", "ledger", "herald", "gazette", "tribune", "observer"]

    static func header(_ site: String) -> [String] {
        ["Home | World | Politics | Business | Sport | Culture", "The \(site.capitalized) — independent news since 1898"]
    }

    static func footer(_ site: String) -> [String] {
        ["Share this article: Facebook Twitter Email WhatsApp",
         "Sign up for the \(site.capitalized) newsletter and get the day’s top stories in your inbox.",
         "© 2025 The \(site.capitalized). All rights reserved."]
    }
}
