//! The manual page has the sections a reader of `man` expects beyond the options, and its
//! examples work as written.

use crate::harness::Test;

#[test]
fn the_manual_has_examples_environment_exit_status_and_files() {
    let page = Test::new().args(&["man"]).run().success().stdout;
    let at = |heading: &str| {
        page.find(&format!("\n.SH {heading}\n"))
            .unwrap_or_else(|| panic!("no {heading} section in\n{page}"))
    };
    let order = [
        at("OPTIONS"),
        at("EXAMPLES"),
        at("ENVIRONMENT"),
        at("\"EXIT STATUS\""),
        at("FILES"),
        at("VERSION"),
    ];
    assert!(order.is_sorted(), "sections out of order: {order:?}");
    for variable in [
        "COMMITMENTS_FILE",
        "COMMITMENTS_TODAY",
        "COMMITMENTS_NOW",
        "COMMITMENTS_USER",
        "NO_COLOR",
        "COLUMNS",
    ] {
        assert!(page.contains(&format!("\\fB{variable}\\fR")), "{variable}");
    }
    for code in ["0", "1", "2", "3"] {
        assert!(
            page.contains(&format!(".TP\n{code}\n")),
            "exit status {code}"
        );
    }
    assert!(page.contains("\\fI.commitments.yaml.undo\\fR"));
}

#[test]
fn each_command_page_has_the_exit_status_and_points_to_the_main_page() {
    let page = Test::new().args(&["man", "update"]).run().success().stdout;
    assert!(page.contains(".SH \"EXIT STATUS\""), "{page}");
    assert!(
        page.contains(".SH \"SEE ALSO\"\n\\fBcommitments\\fR(1)"),
        "{page}"
    );
    assert!(!page.contains(".SH ENVIRONMENT"), "{page}");
}

#[test]
fn the_examples_run_as_written() {
    let t = Test::new();
    let page = t.then(&["man"]).success().stdout;
    let mut examples = Vec::new();
    let mut inside = false;
    for line in page.lines() {
        match line {
            ".EX" => inside = true,
            ".EE" => inside = false,
            l if inside => examples.push(l.replace("\\-", "-")),
            _ => {}
        }
    }
    assert!(examples.len() >= 6, "{examples:?}");
    for example in &examples {
        let words = shell_words(example);
        assert_eq!(words[0], "commitments", "{example}");
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        t.then(&args).success();
    }
}

/// Words as a shell splits them, for the plain quoting the examples use.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => words.push(String::new()),
            c => words.last_mut().unwrap().push(c),
        }
    }
    words.retain(|w| !w.is_empty());
    words
}
