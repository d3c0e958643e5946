//! # tessera-devnet
//!
//! A local development chain that answers the subset of Elements Core's JSON-RPC that
//! Tessera uses, with real Elements data: transactions, txids, blocks, confidential
//! (blech32) addresses, blinded outputs, issuance entropy, asset and token ids are all made
//! with the `elements` crate, exactly as Elements makes them. It is the default chain of
//! `tessera serve` and the issuer's node in end-to-end tests. It is a development stand-in,
//! not a consensus implementation: where it and the recorded Elements replies
//! (`testdata/elements-rpc/`) differ, Elements wins.
//!
//! ```no_run
//! # async fn example() -> Result<(), tessera_devnet::DevnetError> {
//! use tessera_devnet::{run, DevnetConfig};
//! let config = DevnetConfig::new("/tmp/devnet", "user", "pass");
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:18884").await.map_err(tessera_devnet::DevnetError::Serve)?;
//! run(config, listener, async { let _ = tokio::signal::ctrl_c().await; }).await
//! # }
//! ```
//!
//! ## Chain
//! The genesis block is Elements' own `elementsregtest` genesis (same hash, same policy asset
//! `b2e15d0d…`, same 21,000,000 L-BTC OP_TRUE output as `-initialfreecoins=2100000000000000`).
//! **Initial supply:** the first `createwallet` sweeps that OP_TRUE output into a new address
//! of the new wallet (explicit output, 0.0001 L-BTC fee) and mines block 1, so fees and
//! issuance work right after `createwallet`. Blocks are real `elements::Block`s chained by
//! hash, with an OP_TRUE `signblock` challenge and a coinbase paying the fees (no subsidy, as
//! on this chain) to the `generatetoaddress` address, or to OP_TRUE for the background miner.
//!
//! ## DIFFERENCES (deliberate)
//! * **Headers** use the legacy `Proof` block extension (challenge OP_TRUE) like the
//!   elementsregtest genesis, not dynamic federation parameters: `getblockheader`/`getblock`
//!   print `signblock_witness_asm`/`signblock_witness_hex`/`signblock_challenge` instead of
//!   `dynamic_parameters`; `getblockchaininfo`'s dynafed/fedpeg fields are placeholders.
//! * **withash** is a hash over the witnesses, not Elements' witness-only merkle root; the
//!   coinbase has no witness commitment output.
//! * **Range-proof info** (`ct-bits`, `ct-exponent`, `value-minimum/maximum`) is printed as the
//!   defaults the devnet uses (52 bits, exponent 0) rather than parsed from each proof.
//! * **Explicit issuances above 21M** are accepted into the mempool (Elements returns a txid
//!   but its mempool rejects them with `issuance-out-of-range`).
//! * **Taproot**: `getnewaddress "" bech32m` answers -8; the devnet wallet only derives
//!   p2wpkh, p2sh-p2wpkh and p2pkh keys. `sendrawtransaction` verifies p2wpkh, p2wsh
//!   (single key or multisig), p2sh-wrapped segwit, p2pkh and OP_TRUE inputs and rejects
//!   other script types with -26 rather than accepting them unchecked.
//! * **Confidential issuances in external transactions** are accepted without checking
//!   their amount commitments (the elements crate cannot verify them); other confidential
//!   transactions are checked with `verify_tx_amt_proofs`.
//! * **Fees**: wallet transactions pay 1 sat/vB of the real blinded, signed transaction:
//!   the size is estimated from an unblinded build (plus 4 sat), so the fee is the vsize or a
//!   few sat above it, where Elements pays exactly its own estimate.
//! * **JSON member order**: objects print their members in alphabetical order (serde_json
//!   maps); only the reply envelope keeps Elements' `result`, `error`, `id` order. Clients
//!   must not (and Tessera's do not) depend on member order.
//! * `listunspent` prints `amountcommitment`/`assetcommitment` only for confidential outputs;
//!   the devnet's explicit outputs (the free-coins sweep, coinbases, burns) have none.
//! * **Wallet encryption** only gates signing (-13); keys stay in clear text in
//!   `state.json` (mode 0600). `walletpassphrase` unlocks are not persisted.
//! * **Reissuance** spends the token as input 0 (`vin: 0`); Elements may choose another
//!   position. Issued assets and tokens go to new receive addresses, change to change
//!   addresses, as Elements does, but output order differs.
//! * Wallets see every transaction (no rescan; loading is a flag), `listwalletdir` lists
//!   wallets in name order, and `getwalletinfo` keypool sizes are constant.
//! * **Raw transactions**: `fundrawtransaction` funds only transactions whose existing
//!   inputs are the wallet's, puts change last before the fee output (Elements: random
//!   position) and, as Elements, sizes the fee without the proofs blinding adds later.
//!   `rawissueasset` inserts issued outputs just before the fee output. For outputs paying
//!   others in a raw transaction, `gettransaction` prints no detail (Elements prints an entry
//!   with a zero asset).
//! * **History**: `listtransactions` supports only the label `"*"`; `listsinceblock` never
//!   reports `removed` entries (the devnet does not reorganise).
//! * Not implemented: `abandontransaction`, `getsidechaininfo`, PSET RPCs.

mod amount;
mod blinding;
mod builder;
mod chain;
mod coin_selection;
mod decode;
mod dust;
mod error;
mod genesis;
mod help;
mod http;
mod keys;
mod mempool;
mod message;
mod params;
mod persist;
mod rpc;
mod script_check;
mod signing;
mod state;
mod validation;
mod wallet;
mod wallet_view;

use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::Value;

pub use crate::amount::{parse_decimal, sats_to_value, COIN};
pub use crate::error::{codes, DevnetError, RpcError};
pub use crate::genesis::policy_asset;

/// Issuance derivations (entropy, asset id, reissuance token id) exactly as Elements does.
pub mod issuance {
    pub use elements::{AssetEntropy, AssetId, ContractHash};

    /// Entropy of a new issuance spending `prevout` with `contract_hash` (wire order).
    pub fn entropy(prevout: elements::OutPoint, contract_hash: ContractHash) -> AssetEntropy {
        AssetId::generate_asset_entropy(prevout, contract_hash)
    }

    /// Asset id from issuance entropy.
    pub fn asset_id(entropy: AssetEntropy) -> AssetId {
        AssetId::from_entropy(entropy)
    }

    /// Reissuance token id from entropy; `blinded` = the issuance amount was blinded.
    pub fn token_id(entropy: AssetEntropy, blinded: bool) -> AssetId {
        AssetId::reissuance_token_from_entropy(entropy, blinded)
    }
}

/// How to run a devnet.
#[derive(Debug, Clone)]
pub struct DevnetConfig {
    /// Directory holding `blocks.dat` and `state.json` (created if missing).
    pub data_dir: PathBuf,
    /// Mine a block every interval in the background; `None` or zero = only on
    /// `generatetoaddress`.
    pub block_interval: Option<Duration>,
    /// HTTP basic-auth user.
    pub rpc_user: String,
    /// HTTP basic-auth password.
    pub rpc_password: String,
}

impl DevnetConfig {
    /// A configuration without background mining.
    pub fn new(
        data_dir: impl Into<PathBuf>,
        rpc_user: impl Into<String>,
        rpc_password: impl Into<String>,
    ) -> Self {
        Self {
            data_dir: data_dir.into(),
            block_interval: None,
            rpc_user: rpc_user.into(),
            rpc_password: rpc_password.into(),
        }
    }
}

struct Inner {
    config: DevnetConfig,
    state: Mutex<(state::State, persist::Persister)>,
}

/// A running devnet: a cheap-to-clone handle to the chain, its wallets and persistence.
#[derive(Clone)]
pub struct Devnet {
    inner: Arc<Inner>,
}

impl Devnet {
    /// Opens the devnet stored in `config.data_dir` (a new chain if it is empty).
    pub fn open(config: DevnetConfig) -> Result<Self, DevnetError> {
        let (persister, state) = persist::Persister::open(&config.data_dir)?;
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                state: Mutex::new((state, persister)),
            }),
        })
    }

    /// The configuration it was opened with.
    pub fn config(&self) -> &DevnetConfig {
        &self.inner.config
    }

    fn lock(&self) -> MutexGuard<'_, (state::State, persist::Persister)> {
        // A panic while holding the lock leaves a consistent-enough state for a dev chain.
        self.inner
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs one JSON-RPC call in-process, as if POSTed to `/` (`wallet = None`) or
    /// `/wallet/NAME`. Blocking: call from a blocking context in async code.
    pub fn call(
        &self,
        wallet: Option<&str>,
        method: &str,
        params: Vec<Value>,
    ) -> Result<Value, RpcError> {
        let mut guard = self.lock();
        let (state, persister) = &mut *guard;
        let result = rpc::dispatch(state, wallet, method, &params);
        if rpc::is_mutating(method) {
            if let Err(e) = persister.save(state) {
                tracing::error!(error = %e, "devnet: persisting state failed");
                return Err(RpcError::internal(format!(
                    "persisting devnet state failed: {e}"
                )));
            }
        }
        result
    }

    /// Mines one block paying fees to OP_TRUE (what the background miner does).
    pub fn mine_block(&self) -> Result<(), RpcError> {
        let mut guard = self.lock();
        let (state, persister) = &mut *guard;
        state.mine(1, &genesis::op_true());
        persister
            .save(state)
            .map_err(|e| RpcError::internal(e.to_string()))
    }

    /// Serves JSON-RPC on `listener` until `shutdown` resolves; runs the background miner
    /// when `block_interval` is set.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), DevnetError> {
        let miner = self.spawn_miner();
        let result = axum::serve(listener, http::router(self.clone()))
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(DevnetError::Serve);
        if let Some(miner) = miner {
            miner.abort();
        }
        result
    }

    /// Starts the background miner if configured; the task stops when aborted.
    pub fn spawn_miner(&self) -> Option<tokio::task::JoinHandle<()>> {
        let interval = self.inner.config.block_interval.filter(|d| !d.is_zero())?;
        let devnet = self.clone();
        Some(tokio::spawn(async move {
            let mut ticker = tokio::time::interval(interval);
            ticker.tick().await;
            loop {
                ticker.tick().await;
                let d = devnet.clone();
                match tokio::task::spawn_blocking(move || d.mine_block()).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => tracing::warn!(error = %e, "devnet miner failed"),
                    Err(_) => break,
                }
            }
        }))
    }
}

/// Opens the devnet and serves it until `shutdown` resolves — what `tessera devnet` runs.
pub async fn run(
    config: DevnetConfig,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), DevnetError> {
    let devnet = Devnet::open(config)?;
    tracing::info!(addr = ?listener.local_addr().ok(), "devnet JSON-RPC listening");
    devnet.serve(listener, shutdown).await
}
