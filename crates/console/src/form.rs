//! Form state: the values typed, and the API's errors placed next to their fields.
//!
//! Each field is rendered with a `<label>` bound to its input, a help text and an error
//! line linked by `aria-describedby`, so screen readers announce both. Errors come from
//! the same parsers and use cases as the API's, with the API's codes; a form maps each
//! code to the field it concerns ([`FormState::api_error`]), the rest shows above it.

use crate::session::Session;
use crate::ConsoleError;
use maud::{html, Markup};
use std::collections::BTreeMap;
use tessera_server::ApiError;

/// Values and errors of one form.
#[derive(Debug, Default, Clone)]
pub struct FormState {
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    /// Errors that concern no single field.
    pub general: Vec<String>,
}

impl FormState {
    /// Keeps a typed value (shown again when the form comes back with errors).
    pub fn set(&mut self, field: &str, value: impl Into<String>) {
        self.values.insert(field.to_owned(), value.into());
    }

    /// The typed value of a field.
    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }

    /// An error next to `field`.
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors
            .entry(field.to_owned())
            .or_insert_with(|| message.into());
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || !self.general.is_empty()
    }

    /// Places an API error: next to the field its code names in `fields`
    /// (`(code, field)` pairs), above the form otherwise. Failures that are not the
    /// user's (internal errors) are returned instead, to show as an error page.
    pub fn api_error(
        &mut self,
        error: impl Into<ConsoleError>,
        fields: &[(&str, &str)],
    ) -> Result<(), ConsoleError> {
        let ConsoleError::Api(api) = error.into() else {
            return Err(ConsoleError::Csrf);
        };
        if matches!(api, ApiError::Internal(_)) {
            return Err(ConsoleError::Api(api));
        }
        let (_, code, message) = api.public();
        match fields.iter().find(|(c, _)| *c == code) {
            Some((_, field)) => self.error(field, message),
            None => self.general.push(message),
        }
        Ok(())
    }

    /// Errors above the form.
    pub fn general_errors(&self) -> Markup {
        html! {
            @if !self.general.is_empty() {
                div.error-box role="alert" {
                    @for e in &self.general { p { (e) } }
                }
            }
        }
    }

    fn described(&self, name: &str, help: &str) -> Option<String> {
        let mut ids = Vec::new();
        if !help.is_empty() {
            ids.push(format!("{name}-help"));
        }
        if self.errors.contains_key(name) {
            ids.push(format!("{name}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn notes(&self, name: &str, help: &str) -> Markup {
        html! {
            @if !help.is_empty() { p.help id=(format!("{name}-help")) { (help) } }
            @if let Some(e) = self.errors.get(name) {
                p.field-error id=(format!("{name}-error")) role="alert" { (e) }
            }
        }
    }

    /// A labelled text input.
    pub fn text(&self, name: &str, label: &str, help: &str, autocomplete: &str) -> Markup {
        self.input(name, label, help, "text", autocomplete)
    }

    /// A labelled input of any `type`.
    pub fn input(&self, name: &str, label: &str, help: &str, kind: &str, auto: &str) -> Markup {
        let invalid = self.errors.contains_key(name);
        html! {
            div.field.invalid[invalid] {
                label for=(name) { (label) }
                input id=(name) name=(name) type=(kind) value=(self.value(name))
                    autocomplete=(if auto.is_empty() { "off" } else { auto })
                    aria-invalid=[invalid.then_some("true")]
                    aria-describedby=[self.described(name, help)];
                (self.notes(name, help))
            }
        }
    }

    /// A labelled password input (never echoed back).
    pub fn password(&self, name: &str, label: &str, autocomplete: &str) -> Markup {
        let invalid = self.errors.contains_key(name);
        html! {
            div.field.invalid[invalid] {
                label for=(name) { (label) }
                input id=(name) name=(name) type="password" autocomplete=(autocomplete)
                    aria-invalid=[invalid.then_some("true")]
                    aria-describedby=[self.described(name, "")];
                (self.notes(name, ""))
            }
        }
    }

    /// A labelled multi-line input.
    pub fn textarea(&self, name: &str, label: &str, help: &str, rows: u32) -> Markup {
        let invalid = self.errors.contains_key(name);
        html! {
            div.field.invalid[invalid] {
                label for=(name) { (label) }
                textarea id=(name) name=(name) rows=(rows)
                    aria-invalid=[invalid.then_some("true")]
                    aria-describedby=[self.described(name, help)] { (self.value(name)) }
                (self.notes(name, help))
            }
        }
    }

    /// A labelled select of `(value, text)` options.
    pub fn select(&self, name: &str, label: &str, help: &str, options: &[(&str, &str)]) -> Markup {
        let current = self.value(name);
        html! {
            div.field.invalid[self.errors.contains_key(name)] {
                label for=(name) { (label) }
                select id=(name) name=(name) aria-describedby=[self.described(name, help)] {
                    @for (value, text) in options {
                        option value=(value) selected[*value == current] { (text) }
                    }
                }
                (self.notes(name, help))
            }
        }
    }

    /// A labelled checkbox (checked when its value is `on`).
    pub fn checkbox(&self, name: &str, label: &str, help: &str) -> Markup {
        html! {
            div.field.check {
                input id=(name) name=(name) type="checkbox" checked[self.value(name) == "on"]
                    aria-describedby=[self.described(name, help)];
                label for=(name) { (label) }
                (self.notes(name, help))
            }
        }
    }
}

/// The hidden CSRF field every form of a session carries.
pub fn csrf(session: &Session) -> Markup {
    html! { input type="hidden" name="csrf" value=(session.csrf); }
}

/// A one-button form posting to `action` (with the CSRF token); `confirm` asks first
/// (destructive actions).
pub fn button(session: &Session, action: &str, text: &str, confirm: Option<&str>) -> Markup {
    html! {
        form.inline method="post" action=(action) data-confirm=[confirm] {
            (csrf(session))
            button.danger[confirm.is_some()] type="submit" { (text) }
        }
    }
}

/// The form of a one-button action that may need confirming.
#[derive(Debug, serde::Deserialize)]
pub struct ActionForm {
    /// `yes` once confirmed.
    pub confirm: Option<String>,
}

impl ActionForm {
    /// Whether the action was confirmed.
    pub fn confirmed(&self) -> bool {
        confirmed(self.confirm.as_deref())
    }
}

/// Whether a destructive form was confirmed (`confirm=yes`, added by the page's script
/// after the browser's dialog, or by [`confirm_page`] without script).
pub fn confirmed(value: Option<&str>) -> bool {
    value == Some("yes")
}

/// The confirmation step of a destructive action when the browser ran no script.
pub fn confirm_page(session: &Session, action: &str, question: &str) -> Markup {
    confirm_page_with(session, action, question, &[])
}

/// [`confirm_page`] for a form whose `hidden` fields (`(name, value)`, e.g. which action
/// of a page's several) must be posted again.
pub fn confirm_page_with(
    session: &Session,
    action: &str,
    question: &str,
    hidden: &[(&str, &str)],
) -> Markup {
    html! {
        h1 { "Please confirm" }
        p { (question) }
        form method="post" action=(action) {
            (csrf(session))
            @for (name, value) in hidden { input type="hidden" name=(name) value=(value); }
            input type="hidden" name="confirm" value="yes";
            button.danger type="submit" { "Yes, go ahead" }
            " "
            a href="javascript:history.back()" { "Cancel" }
        }
    }
}
