//! The house's layering: no import cycle between the crate's top-level modules, nor between the
//! files of one folder (issue 15). Read from the source text: a module "uses" another when it
//! names it as `crate::other` (top level) or `super::sibling` (in a folder). Unit tests are left
//! out, since `#[cfg(test)] mod tests` may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names following each `prefix` in `text` (`crate::store::x` gives `store`), and inside
/// `prefix{a, b::c}` groups.
fn names_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for (i, _) in text.match_indices(prefix) {
        let rest = &text[i + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(group.split(',').map(|g| ident(g.trim())));
        } else {
            names.insert(ident(rest));
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

fn without_unit_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |i| &text[..i])
}

fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        g: &Graph,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut c = path[i..].to_vec();
            c.push(node.to_string());
            return Some(c);
        }
        if !done.insert(node.to_string()) {
            return None;
        }
        path.push(node.to_string());
        for next in g.get(node).into_iter().flatten() {
            if let Some(c) = visit(g, next, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|k| visit(graph, k, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut top = Graph::new();
    let mut folders: BTreeMap<String, Graph> = BTreeMap::new();
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into()).collect();
        if matches!(parts[0].as_str(), "main" | "lib") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let text = without_unit_tests(&text);
        let module = parts[0].clone();
        let uses = names_after(text, "crate::");
        top.entry(module.clone())
            .or_default()
            .extend(uses.into_iter().filter(|u| *u != module));
        if parts.len() >= 2 && parts.last().unwrap() != "mod" {
            let folder = parts[..parts.len() - 1].join("/");
            let file = parts.last().unwrap().clone();
            let siblings = names_after(text, "super::");
            folders
                .entry(folder)
                .or_default()
                .entry(file.clone())
                .or_default()
                .extend(siblings.into_iter().filter(|s| *s != file));
        }
    }
    // Only edges to modules that exist count (`crate::Error` names a type, not a module).
    let known: BTreeSet<String> = top.keys().cloned().collect();
    for uses in top.values_mut() {
        uses.retain(|u| known.contains(u));
    }
    assert!(top.contains_key("store") && top["commands"].contains("store"));
    if let Some(c) = cycle(&top) {
        panic!("top-level modules import each other: {}", c.join(" -> "));
    }
    for (folder, mut graph) in folders {
        let known: BTreeSet<String> = graph.keys().cloned().collect();
        for uses in graph.values_mut() {
            uses.retain(|u| known.contains(u));
        }
        if let Some(c) = cycle(&graph) {
            panic!(
                "files of src/{folder} import each other: {}",
                c.join(" -> ")
            );
        }
    }
}
