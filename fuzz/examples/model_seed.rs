//! Writes the seeds of the `syntax_model` target: an untrained model's bytes,
//! and the same cut short. `cargo run --manifest-path fuzz/Cargo.toml
//! --no-default-features --example model_seed`
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/syntax_model");
    std::fs::create_dir_all(&dir).expect("seed folder");
    let bytes = demarche_syntax::Model::untrained().to_bytes();
    std::fs::write(dir.join("untrained"), &bytes).expect("seed written");
    std::fs::write(dir.join("untrained_cut"), &bytes[..bytes.len() / 2]).expect("seed written");
    println!("{} bytes", bytes.len());
}
