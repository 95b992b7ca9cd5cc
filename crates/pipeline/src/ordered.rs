//! An ordered parallel map over a stream: items are handed to worker threads
//! as soon as they are read, and their results reach the caller in
//! input order. At most `window` items are read but not yet emitted, so memory
//! stays bounded however long the stream is.
//!
//! Unlike fixed batches, no worker waits at a batch boundary for the slowest
//! document of the batch, and the calling thread reads the next inputs and
//! writes the finished results while the workers run.

use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{mpsc, Mutex};
use std::thread;

/// Maps `inputs` through `work` on `threads` worker threads, giving each
/// result to `emit` in input order. The calling thread reads the inputs and
/// runs `emit`. Stops reading and returns the first error of `emit`. A panic
/// in `work` is raised again on the calling thread.
pub fn map_in_order<I, R, E>(
    threads: usize,
    inputs: impl Iterator<Item = I>,
    window: usize,
    work: impl Fn(I) -> R + Sync,
    mut emit: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    R: Send,
{
    let window = window.max(1);
    let work = &work;
    // At most `window` items are outstanding, so sends on the bounded job queue never wait.
    let (job_tx, job_rx) = mpsc::sync_channel::<(u64, I)>(window);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(u64, thread::Result<R>)>();
    thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let (job_rx, done_tx) = (&job_rx, done_tx.clone());
            scope.spawn(move || loop {
                let next = job_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((index, item))) = next else {
                    return; // the queue is closed: the caller is done
                };
                let result = panic::catch_unwind(AssertUnwindSafe(|| work(item)));
                if done_tx.send((index, result)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        // Closing the job queue (dropping `job_tx`, also on an early return)
        // lets the workers finish; the scope then joins them.
        let job_tx = job_tx;
        let mut inputs = inputs.fuse();
        // Results waiting for their turn; slot k holds item `emitted + k`.
        let mut waiting: VecDeque<Option<R>> = VecDeque::with_capacity(window);
        let mut emitted: u64 = 0;
        let mut read: u64 = 0;
        let mut exhausted = false;
        loop {
            while !exhausted && read - emitted < window as u64 {
                match inputs.next() {
                    Some(item) => {
                        job_tx
                            .send((read, item))
                            .expect("workers run until the queue is closed");
                        waiting.push_back(None);
                        read += 1;
                    }
                    None => exhausted = true,
                }
            }
            while let Some(Some(_)) = waiting.front() {
                let result = waiting.pop_front().flatten().expect("checked above");
                emitted += 1;
                emit(result)?;
            }
            if emitted == read {
                if exhausted {
                    return Ok(());
                }
                continue; // nothing in flight: read more first
            }
            // Something is in flight: wait for it, then take whatever else is done.
            let first = done_rx
                .recv()
                .expect("workers run until the queue is closed");
            let mut next = Some(first);
            while let Some((index, result)) = next {
                let result = result.unwrap_or_else(|p| panic::resume_unwind(p));
                waiting[(index - emitted) as usize] = Some(result);
                next = done_rx.try_recv().ok();
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn keeps_input_order_when_later_items_finish_first() {
        // Early items sleep longest, so they finish after the ones behind them.
        let mut seen = Vec::new();
        let result: Result<(), ()> = map_in_order(
            4,
            0..40u64,
            8,
            |i| {
                std::thread::sleep(Duration::from_millis((40 - i) % 7));
                i * 10
            },
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        assert!(result.is_ok());
        assert_eq!(seen, (0..40u64).map(|i| i * 10).collect::<Vec<_>>());
    }

    #[test]
    fn never_reads_more_than_the_window_ahead_of_what_was_emitted() {
        let read = AtomicUsize::new(0);
        let inputs = (0..100usize).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let mut emitted = 0usize;
        let mut most_outstanding = 0usize;
        let result: Result<(), String> = map_in_order(
            2,
            inputs,
            5,
            |i| i,
            |_| {
                // Read but not yet emitted, this one included.
                let outstanding = read.load(Ordering::SeqCst) - emitted;
                most_outstanding = most_outstanding.max(outstanding);
                emitted += 1;
                if outstanding > 5 {
                    return Err(format!("{outstanding} items read ahead"));
                }
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(emitted, 100);
        assert_eq!(most_outstanding, 5, "the window should fill up");
    }

    #[test]
    fn stops_at_the_first_error_of_the_caller() {
        let mut emitted = Vec::new();
        let result = map_in_order(
            2,
            0..1000u32,
            4,
            |i| i,
            |i| {
                emitted.push(i);
                if i == 9 {
                    Err("sink closed")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err("sink closed"));
        assert_eq!(emitted, (0..10).collect::<Vec<_>>());
    }

    #[test]
    #[should_panic(expected = "bad item 7")]
    fn a_panic_in_the_work_reaches_the_caller() {
        let _ = map_in_order(
            2,
            0..20u32,
            4,
            |i| {
                assert!(i != 7, "bad item {i}");
                i
            },
            |_| Ok::<(), ()>(()),
        );
    }
}
