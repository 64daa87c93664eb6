//! Tests that run inside WebAssembly, in headless Chromium (`make
//! test-wasm`, once per build: relaxed SIMD, SIMD128, no SIMD): every
//! kernel path the build has against the naive reference, the fast maths,
//! a seeded training run, and a fixed GPT against the native record.
#![cfg(target_arch = "wasm32")]

use neuroplay::train::Trainable;
use neuroplay::chapters::playground::settings::{config, decode};
use neuroplay::chapters::playground::Session;
use neuroplay::rng::Rng;
use neuroplay::tensor::fastmath;
use neuroplay::tensor::lanes::{Best, Lanes, Portable};
use neuroplay::tensor::matmul::{matmul_kernel, matmul_naive, Base, MatRef};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

#[path = "common/gpt_fixed.rs"]
mod gpt_fixed;

// In a real browser: Chromium runs relaxed SIMD, which Node 20 refuses.
wasm_bindgen_test_configure!(run_in_browser);

fn random(r: &mut Rng, len: usize) -> Vec<f32> {
    (0..len).map(|_| r.uniform(-1.0, 1.0) as f32).collect()
}

/// Both kernels (direct and packed) of one lane type, on every layout, on
/// shapes that include 1×n, n×1 and sizes off every block size.
fn check_path<L: Lanes>() {
    let mut r = Rng::new(17);
    let mut shapes = vec![(1, 1, 1), (1, 9, 1), (1, 5, 17), (17, 5, 1), (4, 4, 8), (10, 2, 4), (33, 31, 29), (64, 64, 64), (3, 100, 7), (97, 257, 130)];
    for _ in 0..12 {
        shapes.push((1 + r.below(100), 1 + r.below(300), 1 + r.below(100)));
    }
    for &(m, k, n) in &shapes {
        let a = random(&mut r, m * k);
        let b = random(&mut r, k * n);
        let bias = random(&mut r, n);
        for (av, bv) in [
            (MatRef::new(&a, m, k), MatRef::new(&b, k, n)),
            (MatRef::new(&a, k, m).t(), MatRef::new(&b, k, n)),
            (MatRef::new(&a, m, k), MatRef::new(&b, n, k).t()),
        ] {
            for base in [Base::Zero, Base::Keep, Base::Bias(&bias)] {
                let mut want = vec![0.5; m * n];
                matmul_naive(av, bv, &mut want, base);
                for packed in [false, true] {
                    let mut got = vec![0.5; m * n];
                    matmul_kernel::<L>(av, bv, &mut got, base, packed);
                    for (g, w) in got.iter().zip(&want) {
                        assert!((g - w).abs() <= 1e-4 * (1.0 + k as f32).sqrt(), "{} packed={packed} {base:?} {m}×{k}×{n}: {g} vs {w}", L::NAME);
                    }
                }
            }
        }
    }
}

#[wasm_bindgen_test]
fn portable_kernels_match_naive() {
    check_path::<Portable>();
}

#[wasm_bindgen_test]
fn best_kernels_of_this_build_match_naive() {
    check_path::<Best>();
}

#[cfg(target_feature = "simd128")]
#[wasm_bindgen_test]
fn simd128_kernels_match_naive() {
    check_path::<neuroplay::tensor::lanes::Simd128>();
}

#[cfg(target_feature = "relaxed-simd")]
#[wasm_bindgen_test]
fn relaxed_simd_kernels_match_naive() {
    assert_eq!(Best::NAME, "relaxed-simd");
    check_path::<neuroplay::tensor::lanes::Relaxed>();
}

#[wasm_bindgen_test]
fn fast_maths_in_wasm() {
    for i in -2000..=2000 {
        let x = i as f32 * 0.01;
        assert!((f64::from(fastmath::tanh(x)) - f64::from(x).tanh()).abs() < 4e-7);
        assert!((f64::from(fastmath::exp(x)) / f64::from(x).exp() - 1.0).abs() < 3e-7);
    }
    assert!(fastmath::tanh(f32::NAN).is_nan());
}

#[wasm_bindgen_test]
fn circle_converges_in_wasm() {
    let d = decode("dataset=circle&seed=0.1&networkShape=4,2", "0.1");
    let mut s = Session::new(config(&d.settings));
    s.train_epochs(300);
    let m = s.evaluate();
    assert!(m.test_loss < 0.05 && m.test_accuracy > 0.97, "loss {} acc {}", m.test_loss, m.test_accuracy);
}

/// Results cross as named fields, looked up only among the registry's
/// routes; bulk numbers as typed arrays.
#[wasm_bindgen_test]
fn results_cross_as_named_fields() {
    use neuroplay::wasm::{chapter_decode, chapter_routes, chapter_schema, Playground};
    use wasm_bindgen::JsValue;
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap();
    assert_eq!(chapter_routes(), ["neuron", "perceptron", "xor", "playground", "cnn", "lstm", "digits", "dbn", "gpt", "rlhf", "hub"]);
    for bad in ["constructor", "__proto__", "toString", ""] {
        assert!(chapter_decode(bad, "", "1").is_err(), "{bad}");
        assert!(chapter_schema(bad).is_err(), "{bad}");
    }
    assert!(chapter_schema("playground").unwrap().contains("\"maxLayers\":8"));
    let mut pg = Playground::new("dataset=circle&seed=0.1&networkShape=4,2&numClasses=2");
    pg.train(50);
    let f = pg.evaluate();
    let loss = get(&f, "testLoss").as_f64().unwrap();
    assert!(loss.is_finite() && loss > 0.0, "{loss}");
    assert_eq!(get(&f, "classes").as_f64(), Some(2.0));
    assert_eq!(js_sys::Array::from(&get(&f, "confusion")).length(), 4);
    let layout = js_sys::Array::from(&pg.param_layout());
    assert_eq!(get(&layout.get(0), "name").as_string().as_deref(), Some("layers.0.weight"));
    assert_eq!(get(&layout.get(1), "decay").as_bool(), Some(false));
    assert_eq!(pg.params().length() as usize, 2 * 4 + 4 + 4 * 2 + 2 + 2 + 1);
}

/// The perceptron's hulls, its last step (what it read and the weights
/// before it) and the separator of its bound cross as named fields.
#[wasm_bindgen_test]
fn perceptron_steps_and_hulls_cross_as_named_fields() {
    use neuroplay::wasm::PerceptronLab;
    use wasm_bindgen::JsValue;
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap();
    let floats = |o: &JsValue| -> Vec<f64> { js_sys::Array::from(o).iter().map(|v| v.as_f64().unwrap()).collect() };
    let mut lab = PerceptronLab::new("xor", "features=product");
    let hulls = lab.hulls();
    for class in ["zero", "one"] {
        assert_eq!(js_sys::Array::from(&get(&hulls, class)).length(), 2, "{class}: a diagonal");
    }
    assert!(get(&lab.state(), "last").is_null(), "no step yet");
    lab.train(1);
    let s = lab.state();
    let last = get(&s, "last");
    assert_eq!(get(&last, "mistake").as_bool(), Some(true));
    assert_eq!(floats(&get(&last, "x")), [-3.0, -3.0, 9.0]);
    assert_eq!(get(&last, "y").as_f64(), Some(1.0));
    assert_eq!(get(&last, "score").as_f64(), Some(0.0));
    let before = get(&last, "before");
    assert_eq!(floats(&get(&before, "weights")), [0.0, 0.0, 0.0]);
    assert_eq!(get(&before, "bias").as_f64(), Some(0.0));
    assert_eq!(floats(&get(&s, "weights")), [-3.0, -3.0, 9.0]);
    assert_eq!(get(&get(&s, "bound"), "separator").as_string().as_deref(), Some("product"));
}

/// Where `usize` has 32 bits, 65536 × 65537 overflows: refused, not a trap.
#[wasm_bindgen_test]
fn a_drawing_too_large_for_the_word_is_refused() {
    use neuroplay::data::prepare::{prepare, PrepareError};
    let px = vec![1.0f32; 64];
    assert_eq!(prepare(&px, 65536, 65537), Err(PrepareError::TooLarge { w: 65536, h: 65537 }));
    assert!(neuroplay::wasm::digit_prepare(&px, 65536, 65537).is_err());
    assert!(neuroplay::wasm::digit_prepare(&px, 8, 9).is_err(), "a buffer shorter than w × h");
    assert_eq!(neuroplay::wasm::digit_prepare(&px, 8, 8).map(|d| d.len()).ok(), Some(196));
}

/// The CNN chapter's reader: one digit gives ten probabilities and every
/// layer's maps as typed arrays; a plan crosses as named fields, and an
/// architecture that cannot be built says why.
#[wasm_bindgen_test]
fn the_cnn_reader_gives_probabilities_and_every_layers_maps() {
    use neuroplay::wasm::{cnn_plan, CnnReader};
    use wasm_bindgen::JsValue;
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap();
    let mut r = CnnReader::new("seed=1");
    let image: Vec<f32> = (0..196).map(|i| if (i % 14) == 7 { 1.0 } else { 0.0 }).collect();
    let probs = r.read(&image).to_vec();
    assert_eq!(probs.len(), 10);
    assert!((probs.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    assert_eq!(r.maps(0, false).length(), 16 * 14 * 14);
    assert_eq!(r.maps(0, true).length(), 16 * 7 * 7);
    assert_eq!(r.maps(1, true).length(), 32 * 3 * 3);
    assert_eq!(r.maps(2, false).length(), 0);
    assert_eq!(r.filters().length(), 16 * 25);
    assert!(!r.load(&[0.0; 3]));
    let plan = r.plan();
    assert_eq!(get(&plan, "params").as_f64(), Some(7946.0));
    assert_eq!(js_sys::Array::from(&get(&plan, "rows")).length(), 6);
    let refused = cnn_plan("channels=8&kernels=3&pools=4,4");
    assert_eq!(get(&refused, "ok").as_bool(), Some(false));
    assert!(get(&refused, "error").as_string().unwrap().contains("one of each per conv layer"));
}

/// A fixed GPT gives, in this build, the logits and greedy tokens the
/// native build recorded (tests/fixtures/gpt-fixed.txt), within 1e-4.
#[wasm_bindgen_test]
fn fixed_gpt_gives_the_recorded_logits() {
    let want = gpt_fixed::read(include_str!("fixtures/gpt-fixed.txt"));
    let n = gpt_fixed::check(&gpt_fixed::compute(), &want);
    assert!(n >= 100, "only {n} greedy tokens compared");
}

/// The LSTM chapter's session: figures, the sequence's description and
/// every state cross as named fields and typed arrays of the right sizes.
#[wasm_bindgen_test]
fn the_lstm_lab_gives_named_figures_and_every_state() {
    use neuroplay::data::corpus::{write, Corpus};
    use neuroplay::wasm::LstmLab;
    use wasm_bindgen::JsValue;
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap();
    let text = Corpus { lang: "en".into(), docs: vec!["Call me Ishmael. Some years ago, never mind how long.".into(); 20] };
    let mut lab = LstmLab::new("distance=10&width=8&seed=1", &write(&text)).expect("a valid corpus");
    assert!(LstmLab::new("", b"not a corpus").is_err());
    assert_eq!(lab.train(3), 3);
    let m = lab.evaluate();
    for model in ["rnn", "lstm"] {
        let acc = get(&get(&m, model), "testAccuracy").as_f64().unwrap();
        assert!((0.0..=1.0).contains(&acc), "{model} {acc}");
        assert_eq!(get(&get(&m, model), "cell").as_string().as_deref(), Some(model));
    }
    assert_eq!(get(&lab.info(), "steps").as_f64(), Some(12.0));
    let p = lab.inspect();
    assert_eq!(js_sys::Array::from(&get(&p, "labels")).length(), 12);
    for s in ["i", "f", "g", "o", "c", "h", "rnn"] {
        assert_eq!(lab.states(s).length(), 12 * 8, "{s}");
    }
    assert_eq!(lab.states("x").length(), 0);
    assert_eq!(lab.grads("rnn").length(), 12);
    assert_eq!(lab.grads("lstm").length(), 12);
    assert_eq!(lab.apply("distance=10&width=8&seed=1&sequence=Awwx"), 0);
    assert_eq!(js_sys::Array::from(&get(&lab.inspect(), "labels")).length(), 5);
}
