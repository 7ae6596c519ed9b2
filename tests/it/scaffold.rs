//! What a new user runs first: `init`, `new source`, shell completions and the man page.

use crate::support::dossier;

#[test]
fn init_in_each_language_checks_clean_and_builds() {
    for (lang, page, ui) in
        [("nl", "notities/eerste-notitie.html", "lang=\"nl\""), ("en", "notes/first-note.html", "lang=\"en\"")]
    {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("wiki");
        let root_s = root.to_str().unwrap();
        let run = dossier(&["init", root_s, "--lang", lang]);
        assert_eq!(run.code, 0, "{lang}: {}", run.stderr);
        let config = std::fs::read_to_string(root.join("dossier.yaml")).unwrap();
        assert!(config.contains(&format!("\nlanguage: {lang}\n")), "{lang}: {config}");
        assert!(std::fs::read_to_string(root.join(".gitignore")).unwrap().contains("output/"));
        let workflow = std::fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap();
        assert!(workflow.contains("pages: write") && workflow.contains("uses: "), "{lang}: {workflow}");
        let check = dossier(&["check", "--deny-warnings", "--root", root_s]);
        assert_eq!(check.code, 0, "{lang}: a new site must check clean:\n{}", check.stderr);
        assert!(check.stderr.contains(": 0 errors, 0 warnings"), "{lang}: {}", check.stderr);
        let build = dossier(&["build", "--root", root_s]);
        assert_eq!(build.code, 0, "{lang}: {}", build.stderr);
        let html = std::fs::read_to_string(root.join("output").join(page)).unwrap();
        assert!(html.contains(ui), "{lang}: {page} is not in its language");
        assert!(html.contains("class=\"cite"), "{lang}: {page} shows no citation");
    }
}

#[test]
fn init_refuses_an_unknown_language() {
    let dir = tempfile::tempdir().unwrap();
    let run = dossier(&["init", dir.path().join("w").to_str().unwrap(), "--lang", "de"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!dir.path().join("w").exists());
}

#[test]
fn new_source_checks_clean_once_cited() {
    for lang in ["nl", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("wiki");
        let root_s = root.to_str().unwrap();
        assert_eq!(dossier(&["init", root_s, "--lang", lang]).code, 0);
        let run = dossier(&["new", "source", "kst-25424-731", "--title", "Kamerbrief: de ggz", "--root", root_s]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let path = root.join("content/sources/kst-25424-731.md");
        assert_eq!(run.stdout.trim(), path.to_str().unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("---\ntitle: \"Kamerbrief: de ggz\"\n"), "{text}");
        for key in ["type:", "# date:", "# author:", "# role:", "# kamerstuk:", "# url:", "sections:"] {
            assert!(text.lines().any(|l| l.starts_with(key)), "{lang}: no `{key}` line in\n{text}");
        }
        // Uncited, the new source is (rightly) a warning; cited, it checks clean.
        assert_eq!(dossier(&["check", "--deny-warnings", "--root", root_s]).code, 1);
        let section = if lang == "nl" { "Inleiding" } else { "Introduction" };
        let index = root.join("content/index.md");
        let home = std::fs::read_to_string(&index).unwrap();
        std::fs::write(&index, format!("{home}\nZie de brief [@kst-25424-731, § {section}].\n")).unwrap();
        let check = dossier(&["check", "--deny-warnings", "--root", root_s]);
        assert_eq!(check.code, 0, "{lang}: {}", check.stderr);
        assert_eq!(dossier(&["new", "source", "kst-25424-731", "--root", root_s]).code, 2, "overwrote a source");
    }
}

#[test]
fn new_source_refuses_keys_that_are_not_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    for key in ["../buiten", "a/b", ".verborgen", "x-", "a b", ""] {
        let run = dossier(&["new", "source", key, "--root", root]);
        assert_eq!(run.code, 2, "`{key}` accepted: {}", run.stdout);
    }
    assert!(!dir.path().join("content/sources").exists());
}

#[test]
fn completions_for_every_shell_know_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = dossier(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("build") && run.stdout.contains("serve"), "{shell}: {:.300}", run.stdout);
    }
    assert_eq!(dossier(&["completions", "cmd"]).code, 2);
}

#[test]
fn man_page_is_roff() {
    let run = dossier(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(".TH dossier 1"), "{:.300}", run.stdout);
    assert!(run.stdout.contains("build"));
}
