//! The little CSV the console reads (assignment imports); RFC 4180 quoting (fields with a
//! comma, quote or line break are quoted, quotes doubled).

/// Splits CSV text into records of fields; blank lines are skipped.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                if record.iter().any(|f| !f.trim().is_empty()) {
                    records.push(std::mem::take(&mut record));
                }
                record.clear();
            }
            (false, c) => field.push(c),
        }
    }
    record.push(field);
    if record.iter().any(|f| !f.trim().is_empty()) {
        records.push(record);
    }
    records
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_and_quotes() {
        let text = "\"a,b\",\"say \"\"hi\"\"\",plain\r\n";
        assert_eq!(parse(text), vec![vec!["a,b", "say \"hi\"", "plain"]]);
    }

    #[test]
    fn blank_lines_and_crlf_are_ignored() {
        let rows = parse("user,amount\r\n\r\n1,10\n2,20");
        assert_eq!(
            rows,
            vec![vec!["user", "amount"], vec!["1", "10"], vec!["2", "20"]]
        );
    }
}
