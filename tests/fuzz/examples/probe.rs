//! Shows what a target sees for one input, then runs it:
//! `cargo run --no-default-features --example probe -- TARGET FILE`. For `estate`, the files
//! are written to `$TMPDIR/vpclint-probe` and the short report printed.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data = std::fs::read(&args[2]).unwrap();
    if args[1] == "estate" {
        let dir = std::env::temp_dir().join("vpclint-probe");
        let _ = std::fs::remove_dir_all(&dir);
        for (name, text) in vpclint_fuzz::estate::files(&data) {
            let path = dir.join(&name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            println!("== {name}\n{text}");
        }
        if dir.exists() {
            let settings = vpclint_fuzz::loaders::default_settings();
            let report = vpclint::check(&[dir], settings);
            println!("{}", vpclint::report::render_short(&report));
        }
    }
    vpclint_fuzz::run(&args[1], &data);
    println!("ok");
}
