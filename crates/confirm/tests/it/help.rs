//! The command line composes into `tessera` (which has its own global `--json`) and teaches.

use clap::{CommandFactory, Parser, Subcommand};
use tessera_confirm::{ConfirmArgs, ConfirmCommand};

#[derive(Parser)]
#[command(name = "tessera")]
struct Tessera {
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Top,
}

#[derive(Subcommand)]
enum Top {
    Confirm(ConfirmArgs),
}

#[test]
fn confirm_args_fit_under_a_parent_with_a_global_json_flag() {
    Tessera::command().debug_assert();
    let cli = Tessera::try_parse_from([
        "tessera",
        "confirm",
        "-u",
        "me",
        "-p",
        "pw",
        "-n",
        "http://u:p@h:1/wallet/w",
        "distribute",
        "-f",
        "d.json",
        "--json",
        "--confirmations",
        "3",
        "--poll-interval",
        "0.5",
    ])
    .unwrap();
    assert!(cli.json);
    let Top::Confirm(args) = cli.command;
    assert_eq!(args.confirmations, 3);
    assert_eq!(args.poll_interval, std::time::Duration::from_millis(500));
    assert!(
        matches!(args.command, ConfirmCommand::Distribute(ref d) if d.file.as_deref() == Some("d.json".as_ref()))
    );
}

#[test]
fn the_script_command_lines_parse() {
    let txid = "ab".repeat(32);
    let existing = format!("{txid}:1");
    let lines: [&[&str]; 5] = [
        &[
            "reissue",
            "-f",
            "r.json",
            "--have-split-reissuance-token",
            "--use-existing",
            &existing,
        ],
        &["distribute", "-f", "d.json", "--use-existing", &txid],
        &["burn", "-f", "b.json", "--use-existing", &txid],
        &["update-blinders", "-a", "uuid"],
        &["distribute", "--all", "-a", "uuid", "-b", "http://x/api/{}"],
    ];
    for rest in lines {
        let mut argv = vec![
            "tessera",
            "confirm",
            "-v",
            "-u",
            "me",
            "-p",
            "pw",
            "-n",
            "http://u:p@h:1",
        ];
        argv.extend_from_slice(rest);
        assert!(Tessera::try_parse_from(&argv).is_ok(), "{rest:?}");
    }
    let bad = [
        "tessera",
        "confirm",
        "-u",
        "me",
        "-p",
        "pw",
        "-n",
        "u",
        "reissue",
        "-f",
        "r",
        "--use-existing",
        "nocolon",
    ];
    assert!(Tessera::try_parse_from(bad).is_err());
}

#[test]
fn help_teaches_with_examples() {
    let mut cmd = Tessera::command();
    let confirm = cmd.find_subcommand_mut("confirm").unwrap();
    let help = confirm.render_long_help().to_string();
    for needle in [
        "Examples:",
        "journal",
        "--use-existing",
        "TESSERA_CONFIRM_PASSWORD",
        "update-blinders",
        "Exit status",
    ] {
        assert!(help.contains(needle), "{needle} missing from:\n{help}");
    }
}
