/// A place in a query's text: the zero-based character offset and the line and column
/// (both counted from 1) a shop admin sees in an editor.
///
/// ```swift
/// catch let error as SegmentationError {
///     if let offset = error.context.position {
///         let where = QueryPosition(offset: offset, in: text)   // line 2, column 7
///     }
/// }
/// ```
public struct QueryPosition: Sendable, Hashable, CustomStringConvertible {
    /// Zero-based offset in characters (grapheme clusters) from the start of the text.
    public var offset: Int
    /// The line, from 1.
    public var line: Int
    /// The column within ``line``, from 1, in characters.
    public var column: Int

    /// Creates a position from its parts.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The line and column of a character offset in `text`. An offset past the end
    /// names the place just after the last character.
    ///
    /// - Complexity: O(offset).
    public init(offset: Int, in text: String) {
        var line = 1
        var column = 1
        var index = 0
        for character in text {
            if index >= offset { break }
            if character == "\n" || character == "\r\n" || character == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        self.init(offset: offset, line: line, column: column)
    }

    /// `line L, column C`.
    public var description: String { "line \(line), column \(column)" }
}
