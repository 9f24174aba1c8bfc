import CLibXML2

/// What a scraped news page holds, as libxml2's HTML parser reads it: the article's paragraphs, its
/// title, URL and date, and the teasers of other articles that the page shows.
///
/// Paragraphs come from `p`, headings, list items and block quotes inside the page's `article` (or
/// `main`, or the body). Scripts, styles, navigation, headers, footers, asides and forms are left out,
/// and so is any element whose class or id names navigation, menus, share bars, cookie banners,
/// comments or advertising. Inside "related", "recommended" or "more stories" blocks, a link or a
/// summary that ends in an ellipsis is a teaser; so is a meta description cut with one.
final class HTMLExtractor {
    /// One extracted page.
    struct Page {
        /// The headline, from `og:title` or the first `h1`.
        var headline: String?
        /// The headline, or the `<title>` element.
        var title: String?
        var url: String?
        var date: String?
        var paragraphs: [(text: String, line: Int)] = []
        var teasers: [(text: String, line: Int, href: String?, origin: String)] = []
    }

    static let skippedElements: Set<String> = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                                              "template", "svg", "iframe", "button", "select", "textarea", "head"]
    static let blockElements: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "dd", "pre"]
    /// Class or id words (or their beginnings) that mark what is not the article.
    static let boilerplateWords = ["nav", "menu", "share", "social", "cookie", "consent", "banner", "comment", "footer",
                                   "header", "sidebar", "breadcrumb", "newsletter", "subscribe", "advert", "promo",
                                   "widget", "toolbar", "login", "signup", "masthead", "related", "recommend", "popular",
                                   "trending", "outbrain", "taboola"]
    /// Class or id words that mark a block of other articles' teasers (whole words, or the beginnings
    /// of words for teaser detection); such blocks are never part of the article.
    static let teaserBlockWords = ["related", "recommend", "more", "teaser", "popular", "trending", "read", "also", "latest"]

    let detector = TeaserDetector.standard
    /// Element names as strings, by the pointer libxml2 interns them under in one document.
    private var names: [UnsafePointer<xmlChar>: String] = [:]

    /// Parses `bytes` (any character set the page declares) and extracts the page.
    func extract(_ bytes: [UInt8], url: String) -> Page {
        var page = Page()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(clamping: buffer.count), url, nil, options)
            }
        }
        guard let document else { return page }
        defer {
            names.removeAll()
            xmlFreeDoc(document)
        }
        guard let root = xmlDocGetRootElement(document) else { return page }
        readHead(root, into: &page)
        let content = find(root) { name($0) == "article" } ?? find(root) { name($0) == "main" || Self.attribute($0, "role") == "main" }
            ?? find(root) { name($0) == "body" } ?? root
        collectParagraphs(content, into: &page)
        collectTeasers(root, inTeaserBlock: false, into: &page)
        return page
    }

    /// Title, URL, date and a cut meta description from `<head>` and the page's first `h1`.
    private func readHead(_ root: xmlNodePtr, into page: inout Page) {
        var ogTitle: String?, titleElement: String?, canonical: String?, ogURL: String?
        forEachElement(root) { node in
            switch name(node) {
            case "meta":
                let key = (Self.attribute(node, "property") ?? Self.attribute(node, "name") ?? Self.attribute(node, "itemprop") ?? "").lowercased()
                let content = Self.attribute(node, "content").map(Self.collapse)
                switch key {
                case "og:title": ogTitle = ogTitle ?? content
                case "og:url": ogURL = ogURL ?? content
                case "article:published_time", "date", "pubdate", "datepublished", "dc.date": page.date = page.date ?? content
                case "description", "og:description":
                    if let content, detector.detect(content) != nil, !page.teasers.contains(where: { $0.text == content }) {
                        page.teasers.append((content, Int(xmlGetLineNo(node)), nil, "meta description"))
                    }
                default: break
                }
            case "link":
                if Self.attribute(node, "rel")?.lowercased() == "canonical" { canonical = canonical ?? Self.attribute(node, "href") }
            case "title":
                titleElement = titleElement ?? Self.collapse(text(node))
            case "time":
                page.date = page.date ?? Self.attribute(node, "datetime")
            default: break
            }
            return true
        }
        let heading = find(root) { name($0) == "h1" }.map { Self.collapse(text($0)) }
        page.headline = [ogTitle, heading].compactMap { $0 }.first { !$0.isEmpty }
        page.title = page.headline ?? titleElement.flatMap { $0.isEmpty ? nil : $0 }
        page.url = canonical ?? ogURL
    }

    private func collectParagraphs(_ node: xmlNodePtr, into page: inout Page) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE, !isBoilerplate(current) else { continue }
            let element = name(current)
            if Self.blockElements.contains(element) && find(current, includeSelf: false, { Self.blockElements.contains(self.name($0)) }) == nil {
                let text = Self.collapse(self.text(current))
                if !text.isEmpty { page.paragraphs.append((text, Int(xmlGetLineNo(current)))) }
            } else {
                collectParagraphs(current, into: &page)
            }
        }
    }

    private func collectTeasers(_ node: xmlNodePtr, inTeaserBlock: Bool, into page: inout Page) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let element = name(current)
            if element == "script" || element == "style" || element == "head" { continue }
            let inBlock = inTeaserBlock || Self.words(of: current).contains { word in Self.teaserBlockWords.contains { word.hasPrefix($0) } }
            if inBlock && (element == "a" || Self.blockElements.contains(element)) {
                let text = Self.collapse(self.text(current))
                if detector.detect(text) != nil {
                    let link = element == "a" ? current : find(current, includeSelf: false) { self.name($0) == "a" }
                    page.teasers.append((text, Int(xmlGetLineNo(current)), link.flatMap { Self.attribute($0, "href") }, "related"))
                    continue
                }
            }
            collectTeasers(current, inTeaserBlock: inBlock, into: &page)
        }
    }

    private func isBoilerplate(_ node: xmlNodePtr) -> Bool {
        let name = name(node)
        if Self.skippedElements.contains(name) { return true }
        return Self.words(of: node).contains { word in
            word == "ad" || word == "ads" || Self.teaserBlockWords.contains(word) || Self.boilerplateWords.contains { word.hasPrefix($0) }
        }
    }

    /// The lower-cased words of an element's class and id (none, quickly, when it has neither).
    static func words(of node: xmlNodePtr) -> [String] {
        guard node.pointee.properties != nil else { return [] }
        let raw = ((attribute(node, "class") ?? "") + " " + (attribute(node, "id") ?? "")).lowercased()
        guard raw.utf8.count > 1 else { return [] }
        return raw.utf8.split { !(($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 >= 0x80) }.map { String(Substring($0)) }
    }

    private func find(_ node: xmlNodePtr, includeSelf: Bool = true, _ predicate: (xmlNodePtr) -> Bool) -> xmlNodePtr? {
        var found: xmlNodePtr?
        forEachElement(node, includeSelf: includeSelf) { element in
            if predicate(element) {
                found = element
                return false
            }
            return true
        }
        return found
    }

    /// Visits elements depth-first; `visit` returns false to stop.
    @discardableResult
    private func forEachElement(_ node: xmlNodePtr, includeSelf: Bool = true, _ visit: (xmlNodePtr) -> Bool) -> Bool {
        if includeSelf && node.pointee.type == XML_ELEMENT_NODE && !visit(node) { return false }
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE && !forEachElement(current, visit) { return false }
            child = current.pointee.next
        }
        return true
    }

    /// The element's lower-cased name; libxml2 interns names per document, so each is made once.
    func name(_ node: xmlNodePtr) -> String {
        guard let pointer = node.pointee.name else { return "" }
        if let known = names[pointer] { return known }
        let name = String(cString: pointer).lowercased()
        names[pointer] = name
        return name
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { winnow_xml_free(value) }
        return String(cString: value)
    }

    /// The text under `node`, scripts and styles left out.
    func text(_ node: xmlNodePtr) -> String {
        var result = ""
        func walk(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { result += String(cString: content) }
                case XML_ELEMENT_NODE:
                    let name = name(current)
                    if name != "script" && name != "style" {
                        if name == "br" { result += " " }
                        walk(current)
                    }
                default: break
                }
                child = current.pointee.next
            }
        }
        walk(node)
        return result
    }

    /// Blanks (ASCII whitespace and no-break spaces) folded to one space, trimmed.
    static func collapse(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var pendingSpace = false
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                        pendingSpace = count > 0
                        index += 1
                    } else if byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0 {
                        pendingSpace = count > 0
                        index += 2
                    } else {
                        if pendingSpace {
                            output[count] = 0x20
                            count += 1
                            pendingSpace = false
                        }
                        output[count] = byte
                        count += 1
                        index += 1
                    }
                }
                return count
            }
        }
    }
}
