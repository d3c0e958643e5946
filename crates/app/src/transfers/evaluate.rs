//! One asset's decision: the core rules, then the issuer's endpoint if the asset has one.
//!
//! Both ways in — a submitted PSET and a described transfer — reduce to a [`Case`]: the
//! asset's inputs and outputs with what the platform knows about each. The core's
//! `hard_checks` and `category_verdict` decide; when the asset has an authorization
//! endpoint (and the hard checks passed), the endpoint is asked with the category verdict
//! as `server_result`; in `enforce` mode its answer replaces the category verdict, in
//! `shadow` mode it is only logged beside it.

use super::authorizer::EndpointAnswer;
use super::decision_log::{DecisionSource, EndpointRecord, NewDecision};
use super::{explain, TransferError};
use crate::App;
use elements::AssetId;
use serde_json::{json, Value};
use tessera_core::transfer_rules::{
    category_verdict, decide_with_authorizer, hard_checks, AssetFacts, InputFacts, OutputFacts,
    TransferFacts, Verdict,
};
use tessera_core::{Asset, AssetKind, Gaid};
use tessera_store::AuthorizationMode;

/// An input of the asset.
#[derive(Debug, Clone)]
pub(crate) struct CaseInput {
    pub facts: InputFacts,
    pub vin: u32,
    pub amount: u64,
    pub gaid: Option<Gaid>,
}

/// An output of the asset (or of unknown asset, which every asset must accept).
#[derive(Debug, Clone)]
pub(crate) struct CaseOutput {
    pub facts: OutputFacts,
    pub vout: u32,
    pub amount: u64,
    pub gaid: Option<Gaid>,
    pub is_treasury: bool,
    /// GAID, `treasury:<address>` or the script/address, for the log.
    pub label: String,
}

/// Everything one asset's decision looks at.
#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub asset_id: AssetId,
    pub asset: Option<Asset>,
    pub inputs: Vec<CaseInput>,
    pub outputs: Vec<CaseOutput>,
    pub sender: Option<Gaid>,
    pub tx_hex: String,
    pub source: DecisionSource,
}

/// A decided case: the verdict and the log entry (`None` for assets not managed here,
/// which no issuer can list).
pub(crate) struct Decided {
    pub verdict: Verdict,
    pub record: Option<NewDecision>,
}

/// Decides one asset's case.
pub(crate) async fn decide_case(app: &App, case: &Case) -> Result<Decided, TransferError> {
    let facts = TransferFacts {
        asset: case.asset.as_ref().map_or_else(unmanaged, AssetFacts::of),
        inputs: case.inputs.iter().map(|i| i.facts).collect(),
        outputs: case.outputs.iter().map(|o| o.facts.clone()).collect(),
    };
    let hard = hard_checks(&facts);
    let category = category_verdict(&facts);
    let Some(asset) = &case.asset else {
        return Ok(Decided {
            verdict: hard,
            record: None,
        });
    };
    let mut verdict = if hard.is_allowed() { category } else { hard };
    let mut endpoint_record = None;
    let mut disagreement = false;
    if let (true, Some(endpoint)) = (hard.is_allowed(), &asset.issuer_authorization_endpoint) {
        let mode = app
            .store()
            .authorization_mode(asset.issuer, asset.uuid)
            .await?
            .unwrap_or_default();
        let key = app
            .cosigner()?
            .message_key()
            .map_err(|e| TransferError::Internal(e.to_string()))?;
        let message = endpoint_message(app, asset, case, category.is_allowed()).await?;
        let call = app
            .transfer_settings()
            .authorizer
            .ask(endpoint.as_str(), &message, &key, app.now())
            .await;
        let endpoint_allows = call.answer == EndpointAnswer::Allowed;
        match mode {
            AuthorizationMode::Enforce => {
                verdict = decide_with_authorizer(&facts, call.answer.to_core())
            }
            AuthorizationMode::Shadow => disagreement = endpoint_allows != category.is_allowed(),
        }
        let detail = match &call.answer {
            EndpointAnswer::Allowed => String::new(),
            // The issuer's own words, cut short; for failures only the code (never what
            // the network said, which would make the server a probe).
            EndpointAnswer::Refused { error } => error.chars().take(200).collect(),
            EndpointAnswer::Unavailable { why } => why.as_str().to_owned(),
        };
        endpoint_record = Some(EndpointRecord {
            mode: mode.as_str().to_owned(),
            answer: call.answer.as_str().to_owned(),
            detail,
            latency_ms: call.latency_ms,
        });
    }
    let record = NewDecision {
        issuer: asset.issuer,
        asset_uuid: asset.uuid,
        asset_id: case.asset_id.to_string(),
        source: case.source,
        sender: case.sender.as_ref().map(ToString::to_string),
        receivers: receivers(case),
        amount: sent_amount(case),
        allowed: verdict.is_allowed(),
        reason_code: refused_code(verdict),
        message: explain(verdict, endpoint_record.as_ref()),
        category_verdict: hard.is_allowed().then(|| verdict_text(category)),
        endpoint: endpoint_record,
        shadow_disagreement: disagreement,
        txid: None,
    };
    Ok(Decided {
        verdict,
        record: Some(record),
    })
}

/// The log entry of a case refused for its PSET (e.g. a missing or invalid investor
/// signature) before any rule was asked; `None` for assets not managed here.
pub(crate) fn pset_refusal_record(case: &Case, code: &str, message: &str) -> Option<NewDecision> {
    let asset = case.asset.as_ref()?;
    Some(NewDecision {
        issuer: asset.issuer,
        asset_uuid: asset.uuid,
        asset_id: case.asset_id.to_string(),
        source: case.source,
        sender: case.sender.as_ref().map(ToString::to_string),
        receivers: receivers(case),
        amount: sent_amount(case),
        allowed: false,
        reason_code: Some(code.to_owned()),
        message: message.to_owned(),
        category_verdict: None,
        endpoint: None,
        shadow_disagreement: false,
        txid: None,
    })
}

fn unmanaged() -> AssetFacts {
    AssetFacts {
        managed: false,
        is_authorized: false,
        is_locked: false,
        kind: AssetKind::IssuerTracked,
        requirements: Default::default(),
    }
}

fn refused_code(verdict: Verdict) -> Option<String> {
    match verdict {
        Verdict::Allowed => None,
        Verdict::Refused(code) => Some(code.as_str().to_owned()),
    }
}

fn verdict_text(verdict: Verdict) -> String {
    refused_code(verdict).unwrap_or_else(|| "allowed".to_owned())
}

fn receivers(case: &Case) -> Vec<String> {
    case.outputs
        .iter()
        .filter(|o| !matches!(o.facts, OutputFacts::Change))
        .map(|o| o.label.clone())
        .collect()
}

fn sent_amount(case: &Case) -> u64 {
    case.outputs
        .iter()
        .filter(|o| !matches!(o.facts, OutputFacts::Change))
        .fold(0u64, |sum, o| sum.saturating_add(o.amount))
}

/// AMP's `message`: `server_result` and the `request` with the asset's inputs and outputs.
async fn endpoint_message(
    app: &App,
    asset: &Asset,
    case: &Case,
    server_result: bool,
) -> Result<Value, TransferError> {
    let mut inputs = Vec::new();
    for i in &case.inputs {
        let user = registered_user_id(app, asset, i.gaid.as_ref()).await?;
        inputs.push(json!({
            "amount": i.amount, "vin": i.vin, "gaid": i.gaid.as_ref().map(ToString::to_string),
            "is_treasury": false, "registered_user": user, "investor": user,
        }));
    }
    let mut outputs = Vec::new();
    for o in &case.outputs {
        let user = registered_user_id(app, asset, o.gaid.as_ref()).await?;
        outputs.push(json!({
            "amount": o.amount, "vout": o.vout, "gaid": o.gaid.as_ref().map(ToString::to_string),
            "is_treasury": o.is_treasury, "registered_user": user, "investor": user,
        }));
    }
    Ok(json!({
        "server_result": server_result,
        "request": {
            "asset_id": case.asset_id.to_string(),
            "uuid": asset.uuid.0.to_string(),
            "tx_hex": case.tx_hex,
            "inputs": inputs,
            "outputs": outputs,
        }
    }))
}

async fn registered_user_id(
    app: &App,
    asset: &Asset,
    gaid: Option<&Gaid>,
) -> Result<Option<i64>, TransferError> {
    let Some(gaid) = gaid else { return Ok(None) };
    Ok(app
        .store()
        .registered_user_by_gaid(asset.issuer, gaid)
        .await?
        .map(|u| u.id.0))
}
