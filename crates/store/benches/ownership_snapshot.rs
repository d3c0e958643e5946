//! Benchmark (not a test): how long an ownership snapshot takes over a large ledger.
//!
//! Loads 1,000,000 ledger rows of one asset spread over 100,000 managed accounts and
//! 1,000 blocks (bulk inserts generated in SQL) into SQLite, and into PostgreSQL when
//! `BENCH_DATABASE_URL` or `TEST_DATABASE_URL` is set (a fresh database, dropped after).
//! Then it times `ChainStore::asset_holdings` (the snapshot the API serves, grouped per
//! owner and decoded into domain types) at the tip and half way, next to a raw SQL
//! aggregate (`COUNT`, `SUM`) over the same rows, which is the floor any snapshot pays.
//!
//! `cargo bench -p tessera-store --bench ownership_snapshot`
//! (`BENCH_LEDGER_ROWS`, `BENCH_HOLDERS` change the sizes).

use sqlx::{Executor, QueryBuilder};
use std::error::Error;
use std::time::{Duration, Instant};
use tessera_core::{AccountId, Gaid};
use tessera_store::{
    BlockChanges, BlockRef, ChainStore, LedgerRow, OwnerRef, PgStore, SqliteStore,
};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const ASSET: &str = "be00000000000000000000000000000000000000000000000000000000000001";
const BLOCKS: i64 = 1000;
/// Blocks `APPLY_EVERY - 1`, `2 * APPLY_EVERY - 1`, … go through `apply_block`.
const APPLY_EVERY: i64 = 50;

struct Sizes {
    rows: i64,
    holders: i64,
}

fn env_or(name: &str, default: i64) -> Result<i64> {
    Ok(std::env::var(name).map_or(Ok(default), |v| v.parse())?)
}

fn gaid(i: i64) -> Result<String> {
    let mut bytes = [0u8; 20];
    bytes[12..].copy_from_slice(&i.to_be_bytes());
    bytes[0] = 0xbe;
    let gaid = Gaid::from_account_bytes(bytes).ok_or("GAID out of range")?;
    Ok(gaid.to_string())
}

/// The best of three runs of `f`.
async fn best<F, Fut, T>(mut f: F) -> Result<(Duration, T)>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..3 {
        let started = Instant::now();
        let value = f().await?;
        let took = started.elapsed();
        if best.as_ref().is_none_or(|(b, _)| took < *b) {
            best = Some((took, value));
        }
    }
    best.ok_or_else(|| "no run".into())
}

/// The loader and the timings, for one backend's pool type (sqlx's generic bounds would
/// be longer than the code).
macro_rules! backend {
    ($module:ident, $db:ty) => {
        mod $module {
            use super::*;
            type Pool = sqlx::Pool<$db>;

            /// Accounts, blocks and the ledger. Every `APPLY_EVERY`th block (the last one
            /// included) goes through `ChainStore::apply_block`, as the chain watcher's would,
            /// which writes the ledger checkpoints; the blocks in between are bulk inserts
            /// through `pool` (generated in SQL). `series` generates `0..n` as `s(i)`, `hex`
            /// formats `{x}` as 64 hex digits.
            pub async fn load(
                store: &dyn ChainStore,
                pool: &Pool,
                sizes: &Sizes,
                series: &str,
                hex: &str,
            ) -> Result<()> {
                let holders = sizes.holders;
                let reserve = series.replace("{n}", &holders.to_string());
                let sql = format!("{reserve} INSERT INTO cosigner_reservations \
                     (cosigner_index, created_at, used) SELECT i, 0, TRUE FROM s");
                pool.execute(sql.as_str()).await?;
                for start in (0..holders).step_by(1000) {
                    let batch: Vec<(String, i64)> = (start..(start + 1000).min(holders))
                        .map(|i| Ok((gaid(i)?, i)))
                        .collect::<Result<_>>()?;
                    let mut q = QueryBuilder::<$db>::new(
                        "INSERT INTO managed_accounts (gaid, descriptor, cosigner_index, created_at) ",
                    );
                    q.push_values(batch, |mut b, (g, i)| {
                        b.push_bind(g).push_bind(format!("bench-{i}")).push_bind(i).push_bind(0_i64);
                    });
                    q.build().execute(pool).await?;
                }
                let n = sizes.rows;
                // The first ledger row of block h: row i is at height (i * BLOCKS) / n.
                let first_row = |h: i64| (h * n + BLOCKS - 1) / BLOCKS;
                let mut from = 0;
                for applied in (APPLY_EVERY - 1..BLOCKS).step_by(usize::try_from(APPLY_EVERY)?) {
                    if applied > from {
                        let blocks = series.replace("{n}", &(applied - from).to_string());
                        let (h, p) = (hex.replace("{x}", "j + 1"), hex.replace("{x}", "j"));
                        let sql = format!("{blocks} INSERT INTO chain_blocks \
                             (height, hash, prev_hash, time) \
                             SELECT j, {h}, {p}, 1700000000 + j * 60 \
                             FROM (SELECT i + {from} AS j FROM s) b");
                        pool.execute(sql.as_str()).await?;
                        let (lo, hi) = (first_row(from), first_row(applied));
                        let rows = series.replace("{n}", &(hi - lo).to_string());
                        // Row i: account i mod holders, +100 on its even entries and −40 on its
                        // odd ones (balances never go negative), heights rising with i.
                        let sql = format!("{rows} INSERT INTO ownership_ledger \
                             (asset_id, owner_kind, account_id, gaid, delta, txid, vout, height, time) \
                             SELECT '{ASSET}', 'account', a.id, a.gaid, \
                               CASE WHEN (i / {holders}) % 2 = 0 THEN 100 ELSE -40 END, {txid}, 0, \
                               (i * {BLOCKS}) / {n}, 1700000000 + ((i * {BLOCKS}) / {n}) * 60 \
                             FROM (SELECT i + {lo} AS i FROM s) r \
                             JOIN managed_accounts a ON a.id = (i % {holders}) + 1",
                            txid = hex.replace("{x}", "i"));
                        pool.execute(sql.as_str()).await?;
                    }
                    let height = u32::try_from(applied)?;
                    let time = 1_700_000_000 + applied * 60;
                    let ledger = (first_row(applied)..first_row(applied + 1))
                        .map(|i| {
                            let holder = i % holders;
                            Ok(LedgerRow {
                                asset_id: ASSET.into(),
                                owner: OwnerRef::Account {
                                    account: AccountId(holder + 1),
                                    gaid: Gaid::parse(&gaid(holder)?)?,
                                },
                                delta: if (i / holders) % 2 == 0 { 100 } else { -40 },
                                txid: format!("{i:064x}"),
                                vout: 0,
                                height,
                                time,
                            })
                        })
                        .collect::<Result<_>>()?;
                    let block = BlockRef {
                        height,
                        hash: format!("{:064x}", applied + 1),
                        prev_hash: format!("{applied:064x}"),
                        time,
                    };
                    store
                        .apply_block(&BlockChanges { block, outputs: vec![], spends: vec![], ledger })
                        .await?;
                    from = applied + 1;
                }
                pool.execute("ANALYZE").await?;
                Ok(())
            }

            /// Prints the snapshot and raw aggregate timings at the tip and half way.
            pub async fn measure(name: &str, store: &dyn ChainStore, pool: &Pool, loaded: Duration) -> Result<()> {
                println!("{name}: loaded in {:.1} s", loaded.as_secs_f64());
                for height in [u32::try_from(BLOCKS - 1)?, u32::try_from(BLOCKS / 2)?] {
                    let (snap, holders) = best(|| async {
                        Ok(store.asset_holdings(ASSET, Some(height)).await?.len())
                    })
                    .await?;
                    let (plain, _) = best(|| async {
                        let q = sqlx::query_as::<$db, (i64,)>(
                            "SELECT COUNT(*) FROM (SELECT owner_kind, account_id, gaid, \
                             treasury_address FROM ownership_ledger \
                             WHERE asset_id = $1 AND height <= $2 \
                             GROUP BY owner_kind, account_id, gaid, treasury_address \
                             HAVING SUM(delta) <> 0) t",
                        );
                        Ok(q.bind(ASSET).bind(i64::from(height)).fetch_one(pool).await?)
                    })
                    .await?;
                    let (raw, (count, _sum)) = best(|| async {
                        let q = sqlx::query_as::<$db, (i64, i64)>(
                            "SELECT COUNT(*), CAST(COALESCE(SUM(delta), 0) AS BIGINT) \
                             FROM ownership_ledger WHERE asset_id = $1 AND height <= $2",
                        );
                        Ok(q.bind(ASSET).bind(i64::from(height)).fetch_one(pool).await?)
                    })
                    .await?;
                    println!(
                        "{name}: snapshot at height {height}: {holders} holders from {count} \
                         ledger rows in {:.3} s (checkpoint + later rows); raw SQL SUM over \
                         the ledger's rows {:.3} s; per-owner GROUP BY over them {:.3} s",
                        snap.as_secs_f64(),
                        raw.as_secs_f64(),
                        plain.as_secs_f64()
                    );
                }
                Ok(())
            }
        }
    };
}

backend!(lite, sqlx::Sqlite);
backend!(pg, sqlx::Postgres);

async fn sqlite(sizes: &Sizes) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let store = SqliteStore::open_path(&path).await?;
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display())).await?;
    let started = Instant::now();
    let series =
        "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < {n})";
    lite::load(&store, &pool, sizes, series, "printf('%064x', {x})").await?;
    lite::measure("sqlite", &store, &pool, started.elapsed()).await
}

async fn postgres(admin_url: &str, sizes: &Sizes) -> Result<()> {
    let name = format!("tessera_bench_{}", std::process::id());
    let admin = sqlx::PgPool::connect(admin_url).await?;
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await?;
    let mut url = url::Url::parse(admin_url)?;
    url.set_path(&name);
    let outcome = async {
        let store = PgStore::connect(url.as_str()).await?;
        let pool = sqlx::PgPool::connect(url.as_str()).await?;
        let started = Instant::now();
        let series = "WITH s(i) AS (SELECT generate_series(0, {n} - 1)::BIGINT)";
        pg::load(&store, &pool, sizes, series, "lpad(to_hex({x}), 64, '0')").await?;
        let result = pg::measure("postgres", &store, &pool, started.elapsed()).await;
        pool.close().await;
        store.close().await;
        result
    }
    .await;
    admin
        .execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str())
        .await?;
    outcome
}

#[tokio::main]
async fn main() -> Result<()> {
    let sizes = Sizes {
        rows: env_or("BENCH_LEDGER_ROWS", 1_000_000)?,
        holders: env_or("BENCH_HOLDERS", 100_000)?,
    };
    println!(
        "ownership snapshot: {} ledger rows, {} holders, {BLOCKS} blocks",
        sizes.rows, sizes.holders
    );
    sqlite(&sizes).await?;
    match std::env::var("BENCH_DATABASE_URL").or_else(|_| std::env::var("TEST_DATABASE_URL")) {
        Ok(url) => postgres(&url, &sizes).await?,
        Err(_) => println!("postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)"),
    }
    Ok(())
}
