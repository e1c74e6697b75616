//! Parent and child: `add --parent`, the `parent:` and `weight:` fields, the tree in
//! reports, `show PARENT`, and `report --by parent`.

use crate::harness::*;

const FAMILY: &str = include_str!("fixtures/family.yaml");

fn family() -> Test {
    Test::new().ledger(FAMILY)
}

fn out(args: &[&str]) -> String {
    family().args(args).run().success().stdout
}

#[test]
fn add_with_a_parent_writes_it_and_show_lists_the_child_under_it() {
    let t = family();
    t.then(&[
        "add",
        "be-smuggling-law",
        "--title",
        "Belgium to update its law",
        "--owner",
        "Belgium",
        "--made",
        "2025-05-01",
        "--parent",
        "communique-smuggling",
        "--weight",
        "0.5",
    ])
    .success();
    let file = t.file();
    assert!(
        file.contains("  - id: be-smuggling-law\n    uuid: ")
            && file.contains(
                "    owner: Belgium\n    parent: communique-smuggling\n    weight: 0.5\n"
            ),
        "{file}"
    );
    t.then(&["check"]).success();
    t.then(&["show", "communique-smuggling"])
        .success()
        .stdout_has("Children (4):")
        .stdout_has("be-smuggling-law")
        .stdout_has("Children on 2026-11-22: 4 (2 announced, 1 in progress, 1 delivered)")
        .stdout_has("The parent's own status is its own");
    t.then(&["show", "be-smuggling-law"])
        .success()
        .stdout_has("communique-smuggling — Participants will strengthen laws");
    let j = t
        .then(&["show", "communique-smuggling", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        j["status"], "in-progress",
        "the parent's own status is unchanged"
    );
    assert_eq!(j["children"][3]["id"], "be-smuggling-law");
    assert_eq!(j["children"][3]["weight"], 0.5);
    assert_eq!(j["roll_up"]["children"], 4);
}

#[test]
fn add_refuses_an_unknown_parent_or_a_bad_weight() {
    for (args, says) in [
        (
            &["--parent", "communique-smugling"][..],
            &[
                "--parent: no commitment has the id or UUID `communique-smugling`",
                "did you mean `communique-smuggling`",
            ][..],
        ),
        (
            &["--parent", "communique-money", "--weight", "-1"][..],
            &[
                "--weight `-1` is not a number of zero or more",
                "the default is 1",
            ][..],
        ),
        (
            &["--parent", "communique-money", "--weight", "heavy"][..],
            &["--weight `heavy` is not a number of zero or more"][..],
        ),
    ] {
        let t = family();
        let before = t.file_bytes();
        let mut cmd = vec![
            "add",
            "x-new",
            "--title",
            "X",
            "--owner",
            "X",
            "--made",
            "2025-05-01",
        ];
        cmd.extend_from_slice(args);
        let mut o = t.then(&cmd).failure(1);
        for s in says {
            o = o.stderr_has(s);
        }
        assert_eq!(t.file_bytes(), before, "the file changed");
    }
}

#[test]
fn reports_show_children_indented_under_their_parent() {
    let table = out(&["report"]);
    let lines: Vec<&str> = table.lines().collect();
    let pos = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap();
    assert!(pos("│ communique-money ") < pos("│ → uk-finance-taskforce "));
    assert!(pos("│ → it-finance-taskforce ") < pos("│   → it-taskforce-staff "));
    assert!(pos("│   → it-taskforce-staff ") < pos("│ communique-returns "));
    let csv = out(&["report", "--format", "csv"]);
    assert!(csv.starts_with("id,title,owner,parent,"), "{csv}");
    assert!(
        csv.contains(
            "\r\nit-taskforce-staff,Italy seconds two officers,Italy,it-finance-taskforce,"
        ),
        "{csv}"
    );
    let j: serde_json::Value = serde_json::from_str(&out(&["report", "--format", "json"])).unwrap();
    assert_eq!(j["commitments"][1]["id"], "uk-smuggling-law");
    assert_eq!(j["commitments"][1]["parent"], "communique-smuggling");
    assert_eq!(j["commitments"][0]["parent"], serde_json::Value::Null);
    let md = out(&["report", "--format", "markdown"]);
    assert!(
        // Markdown holds no raw HTML: the id and the title have a column each.
        md.contains("| → uk-smuggling-law | UK Border Security Bill |"),
        "{md}"
    );
    let html = out(&["report", "--format", "html"]);
    assert!(
        html.contains("<td>→ uk-smuggling-law<br>UK Border Security Bill</td>"),
        "{html}"
    );
}

#[test]
fn by_parent_rolls_children_up_by_weight_and_says_how() {
    insta::assert_snapshot!("by_parent_table", out(&["report", "--by", "parent"]));
    insta::assert_snapshot!(
        "by_parent_csv",
        out(&["report", "--by", "parent", "--format", "csv"])
    );
    let j: serde_json::Value =
        serde_json::from_str(&out(&["report", "--by", "parent", "--format", "json"])).unwrap();
    assert_eq!(j["by"], "parent");
    assert!(
        j["rule"]
            .as_str()
            .unwrap()
            .contains("Σ(weight × score) / Σ weight")
    );
    let p = &j["parents"][0];
    assert_eq!(p["id"], "communique-smuggling");
    assert_eq!(
        p["status"], "in-progress",
        "its own status, not the roll-up"
    );
    assert_eq!(p["children"], 3);
    assert_eq!(p["weight"], 4.0);
    // (2 × 1 delivered + 1 × 0.5 in progress + 1 × 0 announced) / 4
    assert_eq!(p["average_score"], 0.625);
    assert_eq!(p["counts"]["delivered"], 1);
    assert_eq!(
        j["parents"].as_array().unwrap().len(),
        3,
        "only commitments with children"
    );
    // As of a date before the UK law passed and before the Italian secondment.
    let j: serde_json::Value = serde_json::from_str(&out(&[
        "report",
        "--by",
        "parent",
        "--format",
        "json",
        "--as-of",
        "2025-04-15",
    ]))
    .unwrap();
    assert_eq!(j["parents"][0]["average_score"], 0.375);
    assert_eq!(j["parents"][0]["status"], "announced");
    assert_eq!(j["parents"].as_array().unwrap().len(), 3);
    assert_eq!(
        j["parents"][2]["children"], 0,
        "the secondment was not yet made"
    );
    for format in ["markdown", "html"] {
        let text = out(&["report", "--by", "parent", "--format", format]);
        assert!(
            text.contains("The parent's own status is its own"),
            "{format}"
        );
        assert!(text.contains("communique-money"), "{format}");
    }
}

#[test]
fn import_reads_parents_and_refuses_unknown_ones_and_cycles() {
    let t = Test::new().ledger(FAMILY);
    std::fs::write(
        t.dir.path().join("new.csv"),
        "id,title,owner,made,parent,weight\nnl-law,Dutch law,Netherlands,2025-06-01,communique-smuggling,2\nnl-unit,Dutch unit,Netherlands,2025-06-01,nl-law,\n",
    )
    .unwrap();
    t.then(&["import", "new.csv"]).success();
    let j = t
        .then(&["show", "nl-unit", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["commitment"]["parent"], "nl-law");
    let j = t
        .then(&["show", "nl-law", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["commitment"]["weight"], 2.0);

    for (csv, says) in [
        (
            "id,title,owner,made,parent\nx1,X,X,2025-06-01,communique-nope\n",
            "no commitment has the id `communique-nope`, named as the parent",
        ),
        (
            "id,title,owner,made,parent\nx1,X,X,2025-06-01,x2\nx2,Y,Y,2025-06-01,x1\n",
            "in a circle: x1 → x2 → x1",
        ),
        (
            "id,title,owner,made,parent,weight\nx1,X,X,2025-06-01,communique-money,lots\n",
            "`lots` is not a number of zero or more",
        ),
    ] {
        let t = Test::new().ledger(FAMILY);
        std::fs::write(t.dir.path().join("bad.csv"), csv).unwrap();
        let before = t.file_bytes();
        t.then(&["import", "bad.csv"])
            .failure(1)
            .stderr_has(says)
            .stderr_has("row 2");
        assert_eq!(t.file_bytes(), before);
    }
}

#[test]
fn matrix_in_every_format() {
    insta::assert_snapshot!("matrix_table", out(&["report", "--matrix"]));
    insta::assert_snapshot!(
        "matrix_markdown",
        out(&["report", "--matrix", "--format", "markdown"])
    );
    insta::assert_snapshot!(
        "matrix_csv",
        out(&["report", "--matrix", "--format", "csv"])
    );
    insta::assert_snapshot!(
        "matrix_json",
        out(&["report", "--matrix", "--format", "json"])
    );
    let html = out(&["report", "--matrix", "--format", "html"]);
    let table = &html[html.find("<table>").unwrap()..html.find("</table>").unwrap()];
    insta::assert_snapshot!("matrix_html_table", table);
    assert!(html.contains("no national action recorded"));
}

#[test]
fn matrix_cells_are_the_childrens_statuses_on_the_date() {
    let at = |date: &str| -> serde_json::Value {
        serde_json::from_str(&out(&[
            "report", "--matrix", "--format", "json", "--as-of", date,
        ]))
        .unwrap()
    };
    let j = at("2026-11-22");
    assert_eq!(
        j["owners"],
        serde_json::json!(["France", "Germany", "Italy", "United Kingdom"])
    );
    // Rows: the collective pledges and the one other parent; not the national action that
    // serves no pledge (uk-border-command), which once read "no national action recorded".
    let ids: Vec<&str> = j["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "communique-smuggling",
            "communique-money",
            "it-finance-taskforce",
            "communique-returns"
        ]
    );
    // "United Kingdom (Home Office)" and "UK Government" are one column, the owner as
    // written kept in the cell.
    assert_eq!(
        j["rows"][1]["cells"]["United Kingdom"][0]["owner"],
        "UK Government"
    );
    let row = &j["rows"][0];
    assert_eq!(row["id"], "communique-smuggling");
    assert_eq!(row["status"], "in-progress");
    assert_eq!(row["cells"]["United Kingdom"][0]["status"], "delivered");
    assert_eq!(row["summary"]["average_score"], 0.625);
    let returns = &j["rows"][3];
    assert_eq!(returns["id"], "communique-returns");
    assert_eq!(returns["note"], "no national action recorded");
    assert_eq!(returns["summary"]["children"], 0);
    let uk = &j["columns"][3];
    assert_eq!(
        (uk["of"].as_str(), uk["children"].as_u64()),
        (Some("United Kingdom"), Some(2))
    );
    // Before the UK law passed, its cell says in progress; before Italy's secondment was made
    // there is no Italian child of the Italian taskforce.
    let j = at("2025-04-20");
    assert_eq!(
        j["rows"][0]["cells"]["United Kingdom"][0]["status"],
        "in-progress"
    );
    // Italy's taskforce is a parent, not a collective pledge: its child was not made yet.
    assert_eq!(j["rows"][2]["id"], "it-finance-taskforce");
    assert_eq!(j["rows"][2]["note"], "no child made by then");
    // A ledger without children or collective pledges: national actions are not rows.
    let t = Test::new().sample();
    let j = t
        .then(&["report", "--matrix", "--format", "json"])
        .success()
        .json();
    assert_eq!(j["owners"], serde_json::json!([]));
    assert_eq!(j["rows"], serde_json::json!([]));
    // --matrix is a report of its own.
    t.then(&["report", "--matrix", "--by", "owner"])
        .failure(2)
        .stderr_has("cannot be used with");
}
