//! `listunspent`: the wallet's unspent outputs with blinders and commitments.

use serde_json::{json, Map, Value};

use super::util::wallet;
use super::wallet_query::{address_of, blinders, filter_scripts};
use crate::amount::sats_to_value;
use crate::error::RpcError;
use crate::params::Params;
use crate::state::State;
use crate::wallet_view;

/// `listunspent minconf maxconf addresses include_unsafe query_options`.
pub fn list_unspent(
    state: &State,
    name: &str,
    method: &str,
    params: &[Value],
) -> Result<Value, RpcError> {
    let p = Params::new(method, params, 0, 5)?;
    let minconf = u32::try_from(p.u64_or(0, 1)?).unwrap_or(u32::MAX);
    let maxconf = u32::try_from(p.u64_or(1, 9_999_999)?).unwrap_or(u32::MAX);
    let scripts = filter_scripts(p.opt_array(2)?)?;
    let include_unsafe = p.bool_or(3, true)?;
    let w = wallet(state, name)?;
    let secp = &state.secp;
    let mut out = Vec::new();
    for u in wallet_view::utxos(w, &state.chain) {
        // Immature coinbase outputs are not spendable, so Elements does not list them.
        let immature = u.coinbase && u.confirmations < crate::chain::COINBASE_MATURITY;
        if immature || u.confirmations < minconf || u.confirmations > maxconf {
            continue;
        }
        if scripts
            .as_ref()
            .is_some_and(|s| !s.contains(&u.txout.script_pubkey))
        {
            continue;
        }
        let safe = u.confirmations > 0 || u.from_me;
        if !safe && !include_unsafe {
            continue;
        }
        let script = &u.txout.script_pubkey;
        let entry = w.entry(script);
        let mut m = Map::new();
        m.insert("txid".into(), json!(u.outpoint.txid.to_string()));
        m.insert("vout".into(), json!(u.outpoint.vout));
        m.insert(
            "address".into(),
            json!(address_of(script).unwrap_or_default()),
        );
        if entry.is_some_and(|e| !e.change) {
            m.insert("label".into(), json!(w.label(script).unwrap_or("")));
        }
        m.insert("scriptPubKey".into(), json!(hex::encode(script.as_bytes())));
        m.insert("amount".into(), sats_to_value(u.secrets.value));
        if let Some(c) = u.txout.asset.commitment() {
            m.insert("assetcommitment".into(), json!(c.to_string()));
        }
        m.insert("asset".into(), json!(u.secrets.asset.to_string()));
        if let Some(c) = u.txout.value.commitment() {
            m.insert("amountcommitment".into(), json!(c.to_string()));
        }
        let (amount_blinder, asset_blinder) = blinders(&u.secrets);
        m.insert("amountblinder".into(), json!(amount_blinder));
        m.insert("assetblinder".into(), json!(asset_blinder));
        m.insert("confirmations".into(), json!(u.confirmations));
        if u.confirmations == 0 {
            if let Some(e) = state.chain.mempool.get(&u.outpoint.txid) {
                m.insert("ancestorcount".into(), json!(1));
                m.insert("ancestorsize".into(), json!(e.tx.vsize()));
                m.insert("ancestorfees".into(), json!(e.fee));
            }
        }
        m.insert("spendable".into(), json!(true));
        m.insert("solvable".into(), json!(true));
        if let Some(e) = entry {
            m.insert(
                "desc".into(),
                json!(w.keys().key_descriptor(secp, e.kind, &e.key)),
            );
        }
        m.insert("safe".into(), json!(safe));
        out.push(Value::Object(m));
    }
    Ok(Value::Array(out))
}
