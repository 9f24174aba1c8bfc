/// Deterministic, made-up news-like text in several languages, for benchmarks and generated corpora.
///
/// Words are drawn from small hand-written vocabularies with a Zipf-like skew; sentences get
/// capitals, commas, numbers, quotes and dashes the way news copy does. Nothing is copied from
/// real articles.
public struct TextSampler {
    public enum Language: String, CaseIterable, Sendable {
        case english, german, russian, chinese
    }

    static let english = """
        the of and to in a is that for on said with was as by at from it his an be has are have but were not this
        which after their had its who they been also more one will would year new about up than over into other two
        first last government people minister president police city state country week month officials report
        company market prices workers union election party council court judge law bill plan budget tax energy
        water school students health hospital patients doctors climate storm flood fire river bridge road rail
        airport flight border trade talks deal agreement leaders meeting summit security army military attack forces
        troops ceasefire peace war crisis economy growth inflation rates bank shares investors billion million
        percent spokesman statement announced according told reporters local residents community village region
        province capital north south east west central national international foreign public private officials
        expected likely could should may must since while during before under between against without despite
        however because although another several many most some all each every both either whether where when what
        how why team season match players coach league final record win lost scored goals fans stadium festival
        museum artists film music book author research scientists study university data results evidence found
        increase decrease rise fall higher lower early later long short major minor key main former current
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static let german = """
        der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er
        hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur
        bis mehr durch man sein wurde sei Regierung Bürger Straße Größe Äpfel Öffentlichkeit Übernahme Gebühren
        Schüler Prüfung Behörde Gespräch Maßnahmen Müller Bürgermeister Kündigung Verfügung Gemeinde Stadtrat
        Wähler Abstimmung Gericht Urteil Polizei Feuerwehr Unfall Krankenhaus Ärzte Patienten Universität Forscher
        Ergebnisse Wirtschaft Unternehmen Märkte Preise Löhne Gewerkschaft Streik Verhandlungen Energie Wärme
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static let russian = """
        и в не на что с по как это он из за то от его но для же все так о уже бы было ее она мы при до вы они
        правительство президент министр страна город область район жители власти заявил сообщил года году
        время работа люди дело жизнь день рука раз слово место лицо друг глаз вопрос дом сторона мир случай
        голова ребенок сила конец вид система часть город отношение женщина деньги земля машина вода отец
        проблема час право нога решение дверь образ история власть закон война бог голос тысяча книга
        возможность результат ночь стол имя область статья число компания народ жена группа развитие процесс
        суд условие средство начало свет пора путь душа уровень форма связь минута улица вечер качество мысль
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static let chinese = Array("""
        的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严
        """.filter { !$0.isWhitespace })

    var generator: SeededGenerator
    let language: Language

    public init(language: Language, seed: UInt64) {
        self.language = language
        self.generator = SeededGenerator(seed: seed)
    }

    public mutating func number(below bound: Int) -> Int { Int(generator.next() % UInt64(max(bound, 1))) }

    /// A Zipf-like pick: low indexes far more often than high ones.
    public mutating func zipf(_ count: Int) -> Int {
        let uniform = Double(generator.next() >> 11) / Double(1 << 53)
        return min(count - 1, Int(Double(count) * uniform * uniform * uniform))
    }

    public mutating func word() -> String {
        switch language {
        case .english: return Self.english[zipf(Self.english.count)]
        case .german: return Self.german[zipf(Self.german.count)]
        case .russian: return Self.russian[zipf(Self.russian.count)]
        case .chinese: return String(Self.chinese[zipf(Self.chinese.count)])
        }
    }

    /// One sentence with news punctuation.
    public mutating func sentence() -> String {
        let length = 8 + number(below: 20)
        if language == .chinese {
            var text = ""
            for index in 0..<length * 2 {
                text += word()
                if index % 9 == 8 { text += "，" }
            }
            if number(below: 5) == 0 { text = "“" + text + "”" }
            return text + "。"
        }
        var words: [String] = []
        for index in 0..<length {
            var next = word()
            if index == 0 { next = next.prefix(1).uppercased() + next.dropFirst() }
            switch number(below: 40) {
            case 0: next += ","
            case 1: next = "“\(next)”"
            case 2: next = String(1 + number(below: 2030))
            case 3: next += " —"
            case 4 where language == .english: next += "’s"
            default: break
            }
            words.append(next)
        }
        return words.joined(separator: " ") + (number(below: 12) == 0 ? "?" : ".")
    }

    /// A paragraph of a few sentences.
    public mutating func paragraph() -> String {
        (0..<(2 + number(below: 4))).map { _ in sentence() }.joined(separator: language == .chinese ? "" : " ")
    }

    /// `text` with scraping noise: doubled blanks, NBSP, entities, CRLF, zero-width characters, soft hyphens.
    public mutating func noisy(_ text: String) -> String {
        let noise = ["  ", "\u{A0}", " &amp; ", "&#8217;", "\u{200B}", "\u{AD}", " \t", "&quot;", "\r\n", " &nbsp;"]
        var result = ""
        result.reserveCapacity(text.utf8.count + text.utf8.count / 20)
        for (index, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { result += number(below: 12) == 0 ? noise[number(below: noise.count)] : " " }
            result += word
        }
        return result
    }

    /// An article: a headline line, then paragraphs, one a line.
    public mutating func article(paragraphs: Int? = nil) -> String {
        let headline = sentence().dropLast()
        let count = paragraphs ?? (3 + number(below: 7))
        return ([String(headline)] + (0..<count).map { _ in paragraph() }).joined(separator: "\n")
    }
}

/// A small deterministic random generator (SplitMix64).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
