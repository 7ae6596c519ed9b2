//! The command line as CI and editors use it: output formats, exit codes, colour.

use crate::support::{dossier, fixture, site_with};

const HOME: (&str, &[u8]) = ("content/index.md", b"---\ntitle: Thuis\n---\n[[A]]\n");

fn broken() -> crate::support::Site {
    site_with(&[HOME, ("content/a.md", b"---\ntitle: A\n---\n[[Thuis]] en [[Nergens]].\n")])
}

#[test]
fn json_format_is_one_object_per_diagnostic() {
    let site = broken();
    let run = dossier(&["check", "--root", site.root().to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 1);
    let lines: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let error = lines.iter().find(|d| d["severity"] == "error").expect("an error");
    assert_eq!(error["path"], "content/a.md");
    assert_eq!((error["line"].as_u64(), error["column"].as_u64()), (Some(4), Some(14)));
    assert_eq!(error["message"], "link target `Nergens` not found");
    assert_eq!(error["source"], "[[Thuis]] en [[Nergens]].");
    assert!(lines.iter().all(|d| d["severity"].is_string() && d["path"].is_string() && d["message"].is_string()));
    // The summary stays human, on stderr.
    assert!(run.stderr.contains("checked 2 pages"), "{}", run.stderr);
}

#[test]
fn github_format_annotates_the_line() {
    let site = broken();
    let root = site.root().to_str().unwrap();
    for command in ["check", "build"] {
        let run = dossier(&[command, "--root", root, "--format", "github"]);
        assert_eq!(run.code, 1, "{command}");
        assert!(
            run.stdout
                .lines()
                .any(|l| l
                    == "::error file=content/a.md,line=4,col=14,title=dossier error::link target `Nergens` not found"),
            "{command}: {}",
            run.stdout
        );
    }
}

#[test]
fn build_deny_warnings_fails_and_writes_nothing() {
    let site = site_with(&[HOME, ("content/a.md", b"---\ntitle: A\n---\n[[Thuis]]\n")]);
    let root = site.root().to_str().unwrap();
    let run = dossier(&["build", "--root", root, "--deny-warnings"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("(--deny-warnings); nothing written"), "{}", run.stderr);
    assert!(!site.path("output").exists());
    assert_eq!(dossier(&["build", "--root", root]).code, 0);
}

#[test]
fn exit_codes_tell_content_usage_and_failure_apart() {
    // 2: no site at the root, an output dossier must not replace, bad arguments.
    let empty = tempfile::tempdir().unwrap();
    let run = dossier(&["check", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no content/ folder"), "{}", run.stderr);
    let site = fixture("site");
    let root = site.root().to_str().unwrap();
    std::fs::create_dir_all(site.path("elders")).unwrap();
    site.write("elders/mijn.txt", "niet van dossier");
    let run = dossier(&["build", "--root", root, "--output", site.path("elders").to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(dossier(&["build", "--format", "xml"]).code, 2);
    // 1: content errors.
    assert_eq!(dossier(&["check", "--root", broken().root().to_str().unwrap()]).code, 1);
    // 3: dossier (or its theme) failed: a template that produces a dead link.
    std::fs::create_dir_all(site.path("themes/default/templates")).unwrap();
    site.write("themes/default/templates/page_footer.html", "<a href=\"nergens.html\">x</a>");
    let run = dossier(&["build", "--root", root]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    // 0.
    std::fs::remove_dir_all(site.path("themes")).unwrap();
    assert_eq!(dossier(&["build", "--root", root]).code, 0);
}

#[test]
fn no_colour_when_piped_or_asked() {
    let site = broken();
    let root = site.root().to_str().unwrap();
    let run = dossier(&["check", "--root", root]);
    assert!(!run.stderr.contains('\x1b'), "piped output has no colour");
    let forced = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", "--root", root])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&forced.stderr);
    assert!(stderr.contains("\x1b[1;31merror\x1b[0m"), "{stderr}");
    let off = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", "--root", root])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&off.stderr).contains('\x1b'));
}

/// The README's table of `dossier.yaml` keys lists every key dossier reads, and no
/// other: the list comes from the reader itself (an unknown key's error names them all).
#[test]
fn the_readme_lists_every_dossier_yaml_key() {
    let err = dossier::config::Config::parse("zz_not_a_key: 1\n").unwrap_err();
    let message = err[0].message.clone();
    let expected = &message[message.find("expected").expect(&message)..];
    let mut known: Vec<String> = expected.split('`').skip(1).step_by(2).map(str::to_string).collect();
    known.sort();
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table = &readme[readme.find("### dossier.yaml").unwrap()..];
    let table = &table[table.find("| key |").unwrap()..];
    let table = &table[..table.find("\n\n").unwrap()];
    let mut listed: Vec<String> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect();
    listed.sort();
    assert!(known.len() >= 10, "{message}");
    assert_eq!(listed, known, "README's dossier.yaml table against the keys dossier reads");
}
