"""`python -m scripts check-quotes`: read every cited source again and check that each quote we
cite from it is still there, word for word (typography aside: scripts/model/quotes.py).

For each source record with a `url` (or, when it has none, an `original: {url: ...}`), the page is
fetched (fetching.py: one request at a time per host, a pause between two, a User-Agent that says
who asks and why, a timeout); when it does not answer, or when a quote is missing from it, its
`archive` copy is read too. The text is extracted (extraction.py: HTML with BeautifulSoup, PDF with
pypdf), decoded with its declared charset (Latin-1 is read as browsers read it, i.e. as
Windows-1252) and normalised on both sides. An elision in a quote (`[…]`, `(...)`, `…`) splits it:
each part must be found, in order (matching.py). A word broken at a line end with a hyphen (PDFs)
is searched both as printed and joined.

Every citation of every record (citations.py: any `{source: <id>, quote: ...}` anywhere in it) is
then found, not found, or not checked because its source did not answer. Problems are printed one
per line as `file:line: message`, at the line of the quote, then a summary (report.py). Exit 1 when
a quote is not found at a source that answered; a source that does not answer is reported, never
fatal.

The results go to data/checks/quotes.json (results.py; the format is described in
scripts/load/quote_checks.py, which the site reads). A quote is only ever looked for on a page that
answered: when a source does not answer, the previous results of its quotes are kept as they were
(with their dates). Results of sources not re-checked (--only) are kept too. Keys are sorted, one
space of indentation, newline at the end."""
