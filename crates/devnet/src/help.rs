//! Help texts returned with -1 when a method gets too few or too many parameters.
//!
//! Elements answers an arity error with the method's whole help text; clients only check the
//! code, but we reproduce the recorded texts where we have them and a short usage otherwise.

/// The usage text for `method` (the recorded Elements text when known).
pub fn usage(method: &str) -> String {
    match method {
        "getblockhash" => GETBLOCKHASH.to_string(),
        "getblockcount" => GETBLOCKCOUNT.to_string(),
        other => format!("{other} ...\n\nSee the Elements Core RPC documentation for {other}.\n"),
    }
}

const GETBLOCKHASH: &str = "getblockhash height\n\nReturns hash of block in best-block-chain at height provided.\n\nArguments:\n1. height    (numeric, required) The height index\n\nResult:\n\"hex\"    (string) The block hash\n\nExamples:\n> elements-cli getblockhash 1000\n> curl --user myusername --data-binary '{\"jsonrpc\": \"1.0\", \"id\": \"curltest\", \"method\": \"getblockhash\", \"params\": [1000]}' -H 'content-type: text/plain;' http://127.0.0.1:7041/\n";

const GETBLOCKCOUNT: &str = "getblockcount\n\nReturns the height of the most-work fully-validated chain.\nThe genesis block has height 0.\n\nResult:\nn    (numeric) The current block count\n\nExamples:\n> elements-cli getblockcount \n> curl --user myusername --data-binary '{\"jsonrpc\": \"1.0\", \"id\": \"curltest\", \"method\": \"getblockcount\", \"params\": []}' -H 'content-type: text/plain;' http://127.0.0.1:7041/\n";
