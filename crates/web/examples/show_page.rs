//! Prints what `extract_html` makes of one HTML file.
//!
//! cargo run -p demarche-web --example show_page -- PAGE.html [URL]
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        return eprintln!("usage: show PAGE.html [URL]");
    };
    let url = args.next();
    match std::fs::read(&path) {
        Ok(bytes) => {
            let a = demarche_web::extract_html(&bytes, url.as_deref(), None);
            println!(
                "title: {:?}\npublished: {:?}\nlanguage: {:?}\norigin: {:?}\n---\n{}",
                a.title, a.published, a.language, a.origin, a.text
            );
        }
        Err(e) => eprintln!("cannot read {path}: {e}"),
    }
}
