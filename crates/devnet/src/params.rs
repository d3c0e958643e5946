//! Positional parameter access with Elements' error behaviour.
//!
//! Elements answers a missing or extra parameter with -1 and the method's help text, and a
//! wrongly typed one with -1 "JSON value is not an X as expected". Handlers declare their
//! arity once and then read typed values; named parameters (`{"wallet_name": ..}`) are mapped
//! to positions by the HTTP layer before they get here.

use serde_json::Value;

use crate::amount;
use crate::error::RpcError;

/// The parameters of one call, checked against the method's arity.
pub struct Params<'a> {
    method: &'a str,
    values: &'a [Value],
}

impl<'a> Params<'a> {
    /// Checks `min <= len <= max`, else -1 with the method's usage as Elements does.
    pub fn new(
        method: &'a str,
        values: &'a [Value],
        min: usize,
        max: usize,
    ) -> Result<Self, RpcError> {
        if values.len() < min || values.len() > max {
            return Err(RpcError::new(-1, crate::help::usage(method)));
        }
        Ok(Self { method, values })
    }

    /// Parameter `i`, treating JSON null as absent (Elements does the same).
    pub fn get(&self, i: usize) -> Option<&'a Value> {
        self.values.get(i).filter(|v| !v.is_null())
    }

    /// Required string parameter.
    pub fn str(&self, i: usize) -> Result<&'a str, RpcError> {
        match self.get(i) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(RpcError::type_error("a string")),
            None => Err(RpcError::new(-1, crate::help::usage(self.method))),
        }
    }

    /// Optional string parameter.
    pub fn opt_str(&self, i: usize) -> Result<Option<&'a str>, RpcError> {
        match self.get(i) {
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(RpcError::type_error("a string")),
            None => Ok(None),
        }
    }

    /// Required non-negative integer parameter.
    pub fn u64(&self, i: usize) -> Result<u64, RpcError> {
        match self.get(i) {
            Some(v) => as_u64(v),
            None => Err(RpcError::new(-1, crate::help::usage(self.method))),
        }
    }

    /// Optional integer parameter with a default.
    pub fn u64_or(&self, i: usize, default: u64) -> Result<u64, RpcError> {
        self.get(i).map_or(Ok(default), as_u64)
    }

    /// Optional boolean parameter with a default.
    pub fn bool_or(&self, i: usize, default: bool) -> Result<bool, RpcError> {
        match self.get(i) {
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(RpcError::type_error("a boolean")),
            None => Ok(default),
        }
    }

    /// Required amount parameter in coin units, parsed exactly.
    pub fn amount(&self, i: usize) -> Result<u64, RpcError> {
        match self.get(i) {
            Some(v) => amount::value_to_sats(v),
            None => Err(RpcError::new(-1, crate::help::usage(self.method))),
        }
    }

    /// Required object parameter.
    pub fn object(&self, i: usize) -> Result<&'a serde_json::Map<String, Value>, RpcError> {
        match self.get(i) {
            Some(Value::Object(m)) => Ok(m),
            Some(_) => Err(RpcError::type_error("an object")),
            None => Err(RpcError::new(-1, crate::help::usage(self.method))),
        }
    }

    /// Optional object parameter.
    pub fn opt_object(
        &self,
        i: usize,
    ) -> Result<Option<&'a serde_json::Map<String, Value>>, RpcError> {
        match self.get(i) {
            Some(Value::Object(m)) => Ok(Some(m)),
            Some(_) => Err(RpcError::type_error("an object")),
            None => Ok(None),
        }
    }

    /// Optional array parameter.
    pub fn opt_array(&self, i: usize) -> Result<Option<&'a Vec<Value>>, RpcError> {
        match self.get(i) {
            Some(Value::Array(a)) => Ok(Some(a)),
            Some(_) => Err(RpcError::type_error("an array")),
            None => Ok(None),
        }
    }
}

/// An integer from a JSON value (-1 "not an integer" otherwise).
pub fn as_u64(v: &Value) -> Result<u64, RpcError> {
    match v {
        Value::Number(n) => n.as_u64().ok_or_else(|| RpcError::type_error("an integer")),
        _ => Err(RpcError::type_error("an integer")),
    }
}

/// Parses a 64-hex id (txid, block hash) with Elements' -8 message on a bad length.
pub fn parse_hash<T: std::str::FromStr>(name: &str, s: &str) -> Result<T, RpcError> {
    if s.len() != 64 {
        return Err(RpcError::invalid_parameter(format!(
            "{name} must be of length 64 (not {}, for '{s}')",
            s.len()
        )));
    }
    if !s.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(RpcError::invalid_parameter(format!(
            "{name} must be hexadecimal string (not '{s}')"
        )));
    }
    s.parse().map_err(|_| {
        RpcError::invalid_parameter(format!("{name} must be hexadecimal string (not '{s}')"))
    })
}

/// Maps named parameters to positions for the methods whose names Tessera or the AMP tools
/// use; unknown names give -8 like Elements.
pub fn named_to_positional(
    method: &str,
    named: &serde_json::Map<String, Value>,
) -> Result<Vec<Value>, RpcError> {
    let names: &[&str] = match method {
        "createwallet" => &[
            "wallet_name",
            "disable_private_keys",
            "blank",
            "passphrase",
            "avoid_reuse",
            "descriptors",
            "load_on_startup",
            "external_signer",
        ],
        "loadwallet" | "unloadwallet" => &["wallet_name", "load_on_startup"],
        "getnewaddress" => &["label", "address_type"],
        "sendtoaddress" => &[
            "address",
            "amount",
            "comment",
            "comment_to",
            "subtractfeefromamount",
            "replaceable",
            "conf_target",
            "estimate_mode",
            "avoid_reuse",
            "assetlabel",
            "ignoreblindfail",
            "fee_rate",
            "verbose",
        ],
        "sendmany" => &[
            "dummy",
            "amounts",
            "minconf",
            "comment",
            "subtractfeefrom",
            "replaceable",
            "conf_target",
            "estimate_mode",
            "output_assets",
            "ignoreblindfail",
            "fee_rate",
            "verbose",
        ],
        "issueasset" => &["assetamount", "tokenamount", "blind", "contract_hash"],
        "reissueasset" => &["asset", "assetamount"],
        "destroyamount" => &["asset", "amount", "comment"],
        "gettransaction" => &["txid", "include_watchonly", "verbose"],
        "getrawtransaction" => &["txid", "verbose", "blockhash"],
        "getblock" => &["blockhash", "verbosity"],
        "getblockheader" => &["blockhash", "verbose"],
        "getblockhash" => &["height"],
        "generatetoaddress" => &["nblocks", "address", "maxtries"],
        "getbalance" => &[
            "dummy",
            "minconf",
            "include_watchonly",
            "avoid_reuse",
            "assetlabel",
        ],
        "listunspent" => &[
            "minconf",
            "maxconf",
            "addresses",
            "include_unsafe",
            "query_options",
        ],
        "sendrawtransaction" => &["hexstring", "maxfeerate"],
        "walletpassphrase" => &["passphrase", "timeout"],
        "encryptwallet" => &["passphrase"],
        "signmessage" => &["address", "message"],
        "gettxout" => &["txid", "n", "include_mempool"],
        "getmempoolentry" => &["txid"],
        _ => &[],
    };
    let mut out: Vec<Value> = Vec::new();
    for (key, value) in named {
        let Some(pos) = names.iter().position(|n| n == key) else {
            return Err(RpcError::invalid_parameter(format!(
                "Unknown named parameter {key}"
            )));
        };
        if out.len() <= pos {
            out.resize(pos + 1, Value::Null);
        }
        out[pos] = value.clone();
    }
    Ok(out)
}
