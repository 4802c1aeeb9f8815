// The benchmark harness is not written yet (see the benchmarks issue). This script measures nothing and
// says so, rather than printing numbers that mean nothing.
console.log('rxllm bench: no benchmarks yet. The side-by-side harness (bench/) lands with the benchmarks issue.');
