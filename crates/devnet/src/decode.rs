//! JSON views of scripts, transactions and blocks, shaped like Elements' `decoderawtransaction`,
//! `getrawtransaction` (verbose) and `getblock` (verbosity 1/2).
//!
//! Field names and nesting follow the recordings; amounts go through [`crate::amount`].

use elements::encode::serialize_hex;
use elements::script::Instruction;
use elements::{confidential, Address, AddressParams, Block, Script, Transaction, TxIn, TxOut};
use serde_json::{json, Map, Value};

use crate::amount::sats_to_value;
use crate::blinding::display_hex;
use crate::chain::Chain;
use crate::keys::with_checksum;

/// Elements' `type` of a scriptPubKey.
pub fn script_type(script: &Script) -> &'static str {
    if script.is_empty() {
        "fee"
    } else if script.as_bytes() == [0x51] {
        "true"
    } else if script.is_v0_p2wpkh() {
        "witness_v0_keyhash"
    } else if script.is_v0_p2wsh() {
        "witness_v0_scripthash"
    } else if script.is_v1_p2tr() {
        "witness_v1_taproot"
    } else if script.is_p2pkh() {
        "pubkeyhash"
    } else if script.is_p2sh() {
        "scripthash"
    } else if script.is_op_return() {
        "nulldata"
    } else {
        "nonstandard"
    }
}

/// Script assembly as Elements prints it (`0 c1b3…`, `OP_RETURN aa21…`, `1`).
pub fn asm(script: &Script) -> String {
    let mut parts = Vec::new();
    for ins in script.instructions() {
        match ins {
            Ok(Instruction::PushBytes([])) => parts.push("0".to_string()),
            Ok(Instruction::PushBytes(b)) => parts.push(hex::encode(b)),
            Ok(Instruction::Op(op)) => {
                let code = op.into_u8();
                if (0x51..=0x60).contains(&code) {
                    parts.push((code - 0x50).to_string());
                } else if code == 0x4f {
                    parts.push("-1".to_string());
                } else {
                    parts.push(format!("{op:?}").replace("OP_PUSHNUM_", ""));
                }
            }
            Err(_) => {
                parts.push("[error]".to_string());
                break;
            }
        }
    }
    parts.join(" ")
}

/// The unconfidential regtest address of a script, if it has one.
pub fn script_address(script: &Script) -> Option<Address> {
    if script.is_empty() || script.is_op_return() {
        return None;
    }
    Address::from_script(script, None, &AddressParams::ELEMENTS)
}

/// `scriptPubKey` object: asm, desc, hex, address (when standard), type.
pub fn script_pubkey_json(script: &Script) -> Value {
    let mut m = Map::new();
    m.insert("asm".into(), json!(asm(script)));
    let address = script_address(script);
    let desc = match &address {
        Some(a) => format!("addr({a})"),
        None => format!("raw({})", hex::encode(script.as_bytes())),
    };
    m.insert("desc".into(), json!(with_checksum(&desc)));
    m.insert("hex".into(), json!(hex::encode(script.as_bytes())));
    if let Some(a) = address {
        m.insert("address".into(), json!(a.to_string()));
    }
    m.insert("type".into(), json!(script_type(script)));
    Value::Object(m)
}

fn input_json(input: &TxIn) -> Value {
    let mut m = Map::new();
    if input.is_coinbase() {
        m.insert(
            "coinbase".into(),
            json!(hex::encode(input.script_sig.as_bytes())),
        );
    } else {
        m.insert("txid".into(), json!(input.previous_output.txid.to_string()));
        m.insert("vout".into(), json!(input.previous_output.vout));
        m.insert(
            "scriptSig".into(),
            json!({"asm": asm(&input.script_sig), "hex": hex::encode(input.script_sig.as_bytes())}),
        );
        m.insert("is_pegin".into(), json!(input.is_pegin));
    }
    m.insert("sequence".into(), json!(input.sequence.0));
    let witness = input.witness.script_witness.to_vec();
    if !witness.is_empty() {
        m.insert(
            "txinwitness".into(),
            json!(witness.iter().map(hex::encode).collect::<Vec<_>>()),
        );
    }
    if input.has_issuance() {
        m.insert("issuance".into(), issuance_json(input));
    }
    Value::Object(m)
}

fn issuance_json(input: &TxIn) -> Value {
    let iss = &input.asset_issuance;
    let reissuance = !iss.asset_blinding_nonce.is_null();
    let (asset, token) = input.issuance_ids();
    let entropy = if reissuance {
        iss.asset_entropy
    } else {
        let contract = elements::ContractHash::from_byte_array(iss.asset_entropy.to_byte_array());
        elements::AssetId::generate_asset_entropy(input.previous_output, contract)
    };
    let mut m = Map::new();
    m.insert(
        "assetBlindingNonce".into(),
        json!(display_hex(iss.asset_blinding_nonce.as_byte_array())),
    );
    m.insert(
        "assetEntropy".into(),
        json!(display_hex(&entropy.to_byte_array())),
    );
    m.insert("isreissuance".into(), json!(reissuance));
    if !reissuance {
        m.insert("token".into(), json!(token.to_string()));
    }
    m.insert("asset".into(), json!(asset.to_string()));
    match iss.amount {
        confidential::Value::Explicit(v) => {
            m.insert("assetamount".into(), sats_to_value(v));
        }
        confidential::Value::Confidential(c) => {
            m.insert("assetamountcommitment".into(), json!(c.to_string()));
        }
        confidential::Value::Null => {}
    }
    match iss.inflation_keys {
        confidential::Value::Explicit(v) => {
            m.insert("tokenamount".into(), sats_to_value(v));
        }
        confidential::Value::Confidential(c) => {
            m.insert("tokenamountcommitment".into(), json!(c.to_string()));
        }
        confidential::Value::Null => {}
    }
    Value::Object(m)
}

/// One output as Elements prints it (explicit value/asset or commitments and proof info).
pub fn output_json(out: &TxOut, n: usize) -> Value {
    let mut m = Map::new();
    match out.value {
        confidential::Value::Confidential(c) => {
            m.insert("value-minimum".into(), sats_to_value(1));
            m.insert("value-maximum".into(), sats_to_value(4_503_599_627_370_496));
            m.insert("ct-exponent".into(), json!(0));
            m.insert("ct-bits".into(), json!(52));
            m.insert(
                "surjectionproof".into(),
                json!(hex::encode(out.witness.surjection_proof.to_vec())),
            );
            m.insert("valuecommitment".into(), json!(c.to_string()));
        }
        confidential::Value::Explicit(v) => {
            m.insert("value".into(), sats_to_value(v));
        }
        confidential::Value::Null => {}
    }
    match out.asset {
        confidential::Asset::Explicit(a) => {
            m.insert("asset".into(), json!(a.to_string()));
        }
        confidential::Asset::Confidential(g) => {
            m.insert("assetcommitment".into(), json!(g.to_string()));
        }
        confidential::Asset::Null => {}
    }
    let (nonce, valid) = match out.nonce {
        confidential::Nonce::Confidential(pk) => (pk.to_string(), true),
        confidential::Nonce::Explicit(b) => (hex::encode(b), false),
        confidential::Nonce::Null => (String::new(), false),
    };
    m.insert("commitmentnonce".into(), json!(nonce));
    m.insert("commitmentnonce_fully_valid".into(), json!(valid));
    m.insert("n".into(), json!(n));
    m.insert(
        "scriptPubKey".into(),
        script_pubkey_json(&out.script_pubkey),
    );
    Value::Object(m)
}

/// `decoderawtransaction`-style object (no hex, no block fields).
pub fn tx_json(tx: &Transaction) -> Map<String, Value> {
    let mut m = Map::new();
    let wtxid = tx.wtxid().to_string();
    m.insert("txid".into(), json!(tx.txid().to_string()));
    m.insert("hash".into(), json!(wtxid));
    m.insert("wtxid".into(), json!(wtxid));
    m.insert("withash".into(), json!(witness_only_hash(tx)));
    m.insert("version".into(), json!(tx.version));
    m.insert("size".into(), json!(tx.size()));
    m.insert("vsize".into(), json!(tx.vsize()));
    m.insert("weight".into(), json!(tx.weight()));
    m.insert("locktime".into(), json!(tx.lock_time.to_consensus_u32()));
    m.insert(
        "vin".into(),
        Value::Array(tx.input.iter().map(input_json).collect()),
    );
    m.insert(
        "vout".into(),
        Value::Array(
            tx.output
                .iter()
                .enumerate()
                .map(|(n, o)| output_json(o, n))
                .collect(),
        ),
    );
    let mut fee = Map::new();
    if !tx.is_coinbase() {
        let mut fees: Vec<_> = tx.all_fees().into_iter().collect();
        fees.sort();
        for (asset, v) in fees {
            fee.insert(asset.to_string(), sats_to_value(v));
        }
    }
    m.insert("fee".into(), Value::Object(fee));
    m
}

/// Hash over the transaction's witnesses only (stand-in for Elements' `withash`).
fn witness_only_hash(tx: &Transaction) -> String {
    use elements::hashes::{sha256d, HashEngine};
    let mut engine = sha256d::Hash::engine();
    for input in &tx.input {
        engine.input(&elements::encode::serialize(&input.witness));
    }
    for output in &tx.output {
        engine.input(&elements::encode::serialize(&output.witness));
    }
    let mut bytes = sha256d::Hash::from_engine(engine).to_byte_array();
    bytes.reverse();
    hex::encode(bytes)
}

/// `getrawtransaction` verbose: decoded fields, hex, and block fields when mined.
pub fn raw_tx_json(chain: &Chain, tx: &Transaction) -> Value {
    let mut m = tx_json(tx);
    m.insert("hex".into(), json!(serialize_hex(tx)));
    if let Some(crate::chain::TxLocation::Block { height, .. }) = chain.locate(&tx.txid()) {
        if let Some(block) = chain.block_at(height) {
            m.insert("blockhash".into(), json!(block.block_hash().to_string()));
            m.insert("confirmations".into(), json!(chain.confirmations(height)));
            m.insert("time".into(), json!(block.header.time));
            m.insert("blocktime".into(), json!(block.header.time));
        }
    }
    Value::Object(m)
}

/// `getblockheader` verbose object for the block at `height`.
pub fn header_json(chain: &Chain, height: u32) -> Map<String, Value> {
    let mut m = Map::new();
    let Some(block) = chain.block_at(height) else {
        return m;
    };
    let h = &block.header;
    m.insert("hash".into(), json!(block.block_hash().to_string()));
    m.insert("confirmations".into(), json!(chain.confirmations(height)));
    m.insert("height".into(), json!(height));
    m.insert("version".into(), json!(h.version));
    m.insert("versionHex".into(), json!(format!("{:08x}", h.version)));
    m.insert("merkleroot".into(), json!(h.merkle_root.to_string()));
    m.insert("time".into(), json!(h.time));
    m.insert("mediantime".into(), json!(chain.median_time(height)));
    if let elements::BlockExtData::Proof {
        challenge,
        solution,
    } = &h.ext
    {
        m.insert("signblock_witness_asm".into(), json!(asm(solution)));
        m.insert(
            "signblock_witness_hex".into(),
            json!(hex::encode(solution.as_bytes())),
        );
        m.insert(
            "signblock_challenge".into(),
            json!(hex::encode(challenge.as_bytes())),
        );
    }
    m.insert("nTx".into(), json!(block.txdata.len()));
    if height > 0 {
        m.insert(
            "previousblockhash".into(),
            json!(h.prev_blockhash.to_string()),
        );
    }
    if let Some(next) = chain.block_at(height + 1) {
        m.insert("nextblockhash".into(), json!(next.block_hash().to_string()));
    }
    m
}

/// `getblock` verbosity 1 (txids) or 2 (decoded transactions).
pub fn block_json(chain: &Chain, height: u32, verbosity: u64) -> Value {
    let mut m = header_json(chain, height);
    let Some(block) = chain.block_at(height) else {
        return Value::Object(m);
    };
    m.insert("strippedsize".into(), json!(stripped_size(block)));
    m.insert("size".into(), json!(block.size()));
    m.insert("weight".into(), json!(block.weight()));
    let txs: Vec<Value> = if verbosity >= 2 {
        block
            .txdata
            .iter()
            .map(|tx| {
                let mut t = tx_json(tx);
                t.insert("hex".into(), json!(serialize_hex(tx)));
                Value::Object(t)
            })
            .collect()
    } else {
        block
            .txdata
            .iter()
            .map(|tx| json!(tx.txid().to_string()))
            .collect()
    };
    m.insert("tx".into(), Value::Array(txs));
    Value::Object(m)
}

fn stripped_size(block: &Block) -> usize {
    let mut stripped = block.clone();
    for tx in &mut stripped.txdata {
        for input in &mut tx.input {
            input.witness = elements::TxInWitness::empty();
        }
        for output in &mut tx.output {
            output.witness = elements::TxOutWitness::empty();
        }
    }
    stripped.size()
}
