//! Node-level calls: network, chain, blocks, transactions, mempool.

use elements::{BlockHash, Txid};
use serde_json::Value;

use crate::client::{param, ElementsRpc};
use crate::error::Error;
use crate::types::chain::{
    BlockHeaderInfo, BlockInfo, BlockVerbose, BlockchainInfo, MempoolEntry, NetworkInfo, TxOutInfo,
};
use crate::types::tx::RawTransaction;

impl ElementsRpc {
    /// `getnetworkinfo`: node version and relay fees.
    pub async fn get_network_info(&self) -> Result<NetworkInfo, Error> {
        self.call("getnetworkinfo", vec![]).await
    }

    /// `getblockchaininfo`: chain name, tip, sync progress.
    pub async fn get_blockchain_info(&self) -> Result<BlockchainInfo, Error> {
        self.call("getblockchaininfo", vec![]).await
    }

    /// `getblockcount`: height of the tip.
    pub async fn get_block_count(&self) -> Result<u64, Error> {
        self.call("getblockcount", vec![]).await
    }

    /// `getbestblockhash`: hash of the tip.
    pub async fn get_best_block_hash(&self) -> Result<BlockHash, Error> {
        self.call("getbestblockhash", vec![]).await
    }

    /// `getblockhash HEIGHT`.
    pub async fn get_block_hash(&self, height: u64) -> Result<BlockHash, Error> {
        self.call("getblockhash", vec![param(height)]).await
    }

    /// `getblockheader HASH`.
    pub async fn get_block_header(&self, hash: &BlockHash) -> Result<BlockHeaderInfo, Error> {
        self.call("getblockheader", vec![param(hash)]).await
    }

    /// `getblock HASH` (verbosity 1): header fields and txids.
    pub async fn get_block(&self, hash: &BlockHash) -> Result<BlockInfo, Error> {
        self.call("getblock", vec![param(hash)]).await
    }

    /// `getblock HASH 2`: header fields and decoded transactions.
    pub async fn get_block_verbose(&self, hash: &BlockHash) -> Result<BlockVerbose, Error> {
        self.call("getblock", vec![param(hash), Value::from(2)])
            .await
    }

    /// `getblock HASH 0`: the serialized block, hex. The fastest way to fetch blocks.
    pub async fn get_block_hex(&self, hash: &BlockHash) -> Result<String, Error> {
        self.call("getblock", vec![param(hash), Value::from(0)])
            .await
    }

    /// `getblock HASH 0`, decoded into an [`elements::Block`].
    pub async fn get_block_raw(&self, hash: &BlockHash) -> Result<elements::Block, Error> {
        let hex = self.get_block_hex(hash).await?;
        decode_hex("getblock", &hex)
    }

    /// `getrawtransaction TXID true`. Finds confirmed non-wallet transactions only on a node
    /// with `-txindex=1`.
    pub async fn get_raw_transaction(&self, txid: &Txid) -> Result<RawTransaction, Error> {
        self.call("getrawtransaction", vec![param(txid), Value::Bool(true)])
            .await
    }

    /// `getrawtransaction TXID`: the serialized transaction, hex.
    pub async fn get_raw_transaction_hex(&self, txid: &Txid) -> Result<String, Error> {
        self.call("getrawtransaction", vec![param(txid)]).await
    }

    /// `decoderawtransaction HEX`.
    pub async fn decode_raw_transaction(&self, hex: &str) -> Result<RawTransaction, Error> {
        self.call("decoderawtransaction", vec![param(hex)]).await
    }

    /// `sendrawtransaction HEX`: broadcasts a signed transaction.
    pub async fn send_raw_transaction(&self, hex: &str) -> Result<Txid, Error> {
        self.call("sendrawtransaction", vec![param(hex)]).await
    }

    /// `gettxout TXID VOUT`: the unspent output, or `None` when spent or unknown.
    pub async fn get_tx_out(&self, txid: &Txid, vout: u32) -> Result<Option<TxOutInfo>, Error> {
        self.call("gettxout", vec![param(txid), param(vout)]).await
    }

    /// `getmempoolentry TXID`. [`Error::NotInMempool`] when it is not there — also for a
    /// transaction a wallet send returned but the mempool refused.
    pub async fn get_mempool_entry(&self, txid: &Txid) -> Result<MempoolEntry, Error> {
        self.call("getmempoolentry", vec![param(txid)]).await
    }

    /// `getrawmempool`: txids in the mempool.
    pub async fn get_raw_mempool(&self) -> Result<Vec<Txid>, Error> {
        self.call("getrawmempool", vec![]).await
    }

    /// `generatetoaddress N ADDRESS` (regtest): mines `blocks` blocks, returns their hashes.
    pub async fn generate_to_address(
        &self,
        blocks: u64,
        address: &str,
    ) -> Result<Vec<BlockHash>, Error> {
        self.call("generatetoaddress", vec![param(blocks), param(address)])
            .await
    }
}

/// Decodes a consensus-encoded hex reply.
fn decode_hex<T: elements::encode::Decodable>(method: &str, hex: &str) -> Result<T, Error> {
    let raw_error = |reason: String| Error::DecodeRaw {
        method: method.to_owned(),
        reason,
    };
    let bytes = hex::decode(hex).map_err(|e| raw_error(e.to_string()))?;
    elements::encode::deserialize(&bytes).map_err(|e| raw_error(e.to_string()))
}
