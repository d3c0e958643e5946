//! The genesis block: Elements' own `elementsregtest` genesis, byte for byte.
//!
//! Reusing the node's genesis transactions gives the devnet the same policy asset id
//! (`b2e15d0d…`, "bitcoin") and the same 21,000,000 L-BTC OP_TRUE output (txid `027f0159…`) as
//! a real `-initialfreecoins=2100000000000000` regtest node, so fixtures and tools that
//! hard-code them keep working.

use elements::encode::deserialize;
use elements::hashes::{sha256d, HashEngine};
use elements::{
    AssetId, Block, BlockExtData, BlockHash, BlockHeader, OutPoint, Script, Transaction,
    TxMerkleNode,
};

/// Coinbase of the recorded `elementsregtest` genesis block.
const GENESIS_COINBASE: &str = "0100000000010000000000000000000000000000000000000000000000000000000000000000ffffffff212078fdfddeafc3bac34abe63efee0d64f7d817cee508ded08746ba4ae6df5349cbffffffff0101000000000000000000000000000000000000000000000000000000000000000001000000000000000000016a00000000";

/// The initial-free-coins issuance of the recorded genesis block: 21M L-BTC to OP_TRUE.
const GENESIS_FREECOINS: &str = "01000000000178fdfddeafc3bac34abe63efee0d64f7d817cee508ded08746ba4ae6df5349cb0000008000ffffffff000000000000000000000000000000000000000000000000000000000000000006226e46111a0b59caaf126043eb5bbf28c34f3a5e332a1fc7b2b73cf188910f01000775f05a0740000100000000000000000101230f4f5d4b7c6fa845806ee4f67713459e1b69e8e60fcee2e4940c7a0d5de1b201000775f05a07400000015100000000";

/// Recorded genesis time.
const GENESIS_TIME: u32 = 1_296_688_602;

/// The `elementsregtest` genesis block.
pub fn genesis_block() -> Block {
    let txdata: Vec<Transaction> = [GENESIS_COINBASE, GENESIS_FREECOINS]
        .iter()
        .filter_map(|h| hex::decode(h).ok())
        .filter_map(|b| deserialize(&b).ok())
        .collect();
    let merkle_root = merkle_root(&txdata);
    Block {
        header: BlockHeader {
            version: 1,
            prev_blockhash: BlockHash::from_byte_array([0; 32]),
            merkle_root,
            time: GENESIS_TIME,
            height: 0,
            ext: BlockExtData::Proof {
                challenge: op_true(),
                solution: Script::new(),
            },
        },
        txdata,
    }
}

/// The policy asset (L-BTC) id of `elementsregtest`.
pub fn policy_asset() -> AssetId {
    let block = genesis_block();
    block
        .txdata
        .get(1)
        .and_then(|tx| tx.output.first())
        .and_then(|o| o.asset.explicit())
        .unwrap_or_default()
}

/// The genesis OP_TRUE output holding the initial free coins.
pub fn free_coins_outpoint() -> OutPoint {
    let block = genesis_block();
    let txid = block
        .txdata
        .get(1)
        .map(|t| t.txid())
        .unwrap_or_else(|| elements::Txid::from_byte_array([0; 32]));
    OutPoint::new(txid, 0)
}

/// `OP_TRUE`, the block-signing challenge and the free coins' script.
pub fn op_true() -> Script {
    Script::from(vec![0x51])
}

/// Merkle root of a block's transactions (txids, Bitcoin-style tree).
pub fn merkle_root(txdata: &[Transaction]) -> TxMerkleNode {
    let mut level: Vec<[u8; 32]> = txdata.iter().map(|t| t.txid().to_byte_array()).collect();
    if level.is_empty() {
        return TxMerkleNode::from_byte_array([0; 32]);
    }
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| {
                let mut engine = sha256d::Hash::engine();
                engine.input(&pair[0]);
                engine.input(pair.get(1).unwrap_or(&pair[0]));
                sha256d::Hash::from_engine(engine).to_byte_array()
            })
            .collect();
    }
    TxMerkleNode::from_byte_array(level[0])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn genesis_matches_the_recorded_elementsregtest_genesis() {
        let block = genesis_block();
        assert_eq!(block.txdata.len(), 2);
        assert_eq!(
            block.header.merkle_root.to_string(),
            "72a7df445ea0ed24ecbcc1b23316a0664e7aec369107e58a0f91da54abac79dd"
        );
        assert_eq!(
            free_coins_outpoint().txid.to_string(),
            "027f015923d266ffb8af1fadd09a3743dffebd199e8f1e45c96ca12e58992d5f"
        );
        assert_eq!(
            policy_asset().to_string(),
            "b2e15d0d7a0c94e4e2ce0fe6e8691b9e451377f6e46e8045a86f7c4b5d4f0f23"
        );
        assert_eq!(
            block.block_hash().to_string(),
            "209577bda6bf4b5804bd46f8621580dd6d4e8bfa2d190e1c50e932492baca07d"
        );
    }
}
