//! Raw-transaction calls of a wallet: build, fund, issue, blind and sign a transaction the
//! caller then broadcasts with [`ElementsRpc::send_raw_transaction`].

use elements::BlockHash;
use serde_json::{Map, Value};

use crate::client::{param, ElementsRpc};
use crate::error::Error;
use crate::types::history::{ListedTransaction, SinceBlock};
use crate::types::raw::{
    FeeEstimate, FundOptions, FundedTransaction, RawInput, RawIssuance, RawIssued, RawOutput,
    SignedTransaction,
};

impl ElementsRpc {
    /// `createrawtransaction INPUTS OUTPUTS`: an unsigned transaction, hex. Outputs keep
    /// their order; a confidential address's output is blinded by
    /// [`Self::blind_raw_transaction`].
    pub async fn create_raw_transaction(
        &self,
        inputs: &[RawInput],
        outputs: &[RawOutput],
    ) -> Result<String, Error> {
        let inputs = inputs.iter().map(input_json).collect();
        let outputs = outputs.iter().map(RawOutput::to_json).collect();
        self.call(
            "createrawtransaction",
            vec![Value::Array(inputs), Value::Array(outputs)],
        )
        .await
    }

    /// `fundrawtransaction HEX [OPTIONS]`: adds the wallet's inputs, change and the fee
    /// output. Nothing is locked or broadcast.
    pub async fn fund_raw_transaction(
        &self,
        hex: &str,
        options: &FundOptions,
    ) -> Result<FundedTransaction, Error> {
        let mut params = vec![param(hex)];
        params.extend(options.to_json());
        self.call("fundrawtransaction", params).await
    }

    /// `rawissueasset HEX ISSUANCES`: attaches one issuance per input (in input order) and
    /// inserts their outputs before the fee output, which must be last (-8 otherwise). The
    /// resulting transaction is in the last entry's `hex`.
    pub async fn raw_issue_asset(
        &self,
        hex: &str,
        issuances: &[RawIssuance],
    ) -> Result<Vec<RawIssued>, Error> {
        self.call("rawissueasset", vec![param(hex), param(issuances)])
            .await
    }

    /// `blindrawtransaction HEX true [] BLIND_ISSUANCES`: blinds the outputs to confidential
    /// addresses with the wallet's inputs, and the issuance amounts when `blind_issuances`
    /// (pass the issuances' `blind` flag: blinding an issuance marked explicit makes it
    /// invalid).
    pub async fn blind_raw_transaction(
        &self,
        hex: &str,
        blind_issuances: bool,
    ) -> Result<String, Error> {
        let params = vec![
            param(hex),
            Value::Bool(true),
            Value::Array(Vec::new()),
            Value::Bool(blind_issuances),
        ];
        self.call("blindrawtransaction", params).await
    }

    /// `signrawtransactionwithwallet HEX`: signs the inputs the wallet owns. Check
    /// [`SignedTransaction::complete`].
    pub async fn sign_raw_transaction_with_wallet(
        &self,
        hex: &str,
    ) -> Result<SignedTransaction, Error> {
        self.call("signrawtransactionwithwallet", vec![param(hex)])
            .await
    }

    /// `estimatesmartfee TARGET`: the node's fee estimate for confirmation within `target`
    /// blocks (often none on regtest and Liquid: see [`FeeEstimate::feerate`]).
    pub async fn estimate_smart_fee(&self, target: u32) -> Result<FeeEstimate, Error> {
        self.call("estimatesmartfee", vec![param(target)]).await
    }

    /// `listtransactions "*" COUNT SKIP false`: the wallet's most recent entries, oldest
    /// first, after skipping the `skip` most recent.
    pub async fn list_transactions(
        &self,
        count: u32,
        skip: u32,
    ) -> Result<Vec<ListedTransaction>, Error> {
        let params = vec![param("*"), param(count), param(skip), Value::Bool(false)];
        self.call("listtransactions", params).await
    }

    /// `listsinceblock [BLOCKHASH]`: every entry since that block (all when `None`), plus
    /// unconfirmed ones; continue from [`SinceBlock::lastblock`].
    pub async fn list_since_block(&self, since: Option<&BlockHash>) -> Result<SinceBlock, Error> {
        self.call("listsinceblock", since.map(param).into_iter().collect())
            .await
    }
}

fn input_json(input: &RawInput) -> Value {
    let mut object = Map::new();
    object.insert("txid".to_owned(), param(input.txid));
    object.insert("vout".to_owned(), param(input.vout));
    if let Some(sequence) = input.sequence {
        object.insert("sequence".to_owned(), param(sequence));
    }
    Value::Object(object)
}
