//! Human or JSON output, chosen once by `--json`.

use serde_json::Value;

/// Where command results go.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    json: bool,
    silent: bool,
}

impl Output {
    /// JSON output when `json` is set, text otherwise.
    pub fn new(json: bool) -> Self {
        Self {
            json,
            silent: false,
        }
    }

    /// Prints nothing (commands run inside another command, e.g. `tessera demo`).
    pub fn silent() -> Self {
        Self {
            json: true,
            silent: true,
        }
    }

    /// Whether results are printed as JSON.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Prints a result: `value` as one JSON line with `--json`, otherwise `text`.
    pub fn result(&self, text: &str, value: Value) {
        if self.silent {
            return;
        }
        if self.json {
            println!("{value}");
        } else {
            println!("{text}");
        }
    }
}
