/// The pipelines built into the library, so `winnow clean` works from any folder. The same text
/// ships in `Pipelines/`; a test keeps the two identical.
public enum BuiltinPipelines {
    /// `Pipelines/news.yaml`, the default: scraped news pages to a clean XML corpus.
    public static let news = """
        # The default pipeline: scraped news pages in, a clean XML corpus out.
        name: news
        read:   { format: auto, text: page }
        stages:
          - normalize: {}
          - exact-dedup: {}
          - near-dedup: { shingle: 5, permutations: 128, threshold: 0.8 }
          - fragments: { min-containment: 0.9 }
          - line-dedup: { scope: corpus, min-documents: 3 }
          - teasers:   { min-chars: 20, on-match: drop, unmatched: keep }
        write:  { format: xml }

        """

    /// `Pipelines/jsonl-dedup.yaml`: a training corpus in JSON Lines, deduplicated by MinHash, JSON Lines out.
    public static let jsonlDedup = """
        # Training-corpus style: JSON Lines in and out, exact and MinHash near-duplicates removed.
        name: jsonl-dedup
        read:   { format: jsonl }
        stages:
          - normalize: {}
          - exact-dedup: {}
          - near-dedup: { shingle: 5, permutations: 128, threshold: 0.8 }
        write:  { format: jsonl }

        """

    /// `Pipelines/html-news.yaml`: a folder of scraped HTML pages, articles and teasers together.
    public static let htmlNews = """
        # Scraped HTML pages: each page's article and the teasers it shows, deduplicated and repaired together.
        name: html-news
        read:   { format: html }
        stages:
          - normalize: {}
          - exact-dedup: {}
          - near-dedup: { shingle: 5, permutations: 128, threshold: 0.8 }
          - fragments: { min-containment: 0.9 }
          - line-dedup: { scope: corpus, min-documents: 3 }
          - teasers:   { min-chars: 20, on-match: drop, unmatched: keep }
        write:  { format: xml }

        """

    /// The built-in pipelines by name.
    public static let all: [(name: String, text: String)] = [("news", news), ("jsonl-dedup", jsonlDedup), ("html-news", htmlNews)]

    /// The built-in pipeline called `name`.
    public static func named(_ name: String) throws -> PipelineSpec? {
        guard let text = all.first(where: { $0.name == name })?.text else { return nil }
        return try PipelineSpec(text: text, file: "Pipelines/\(name).yaml")
    }
}
