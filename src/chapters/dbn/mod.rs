//! The 2006 chapter: restricted Boltzmann machines trained by contrastive
//! divergence, their dreams, greedy pretraining of a deep belief net, and
//! whether pretraining helps a network learn from few labels.

pub mod compare;
