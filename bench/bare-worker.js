// The yardstick for the app's worker: Pyodide started bare in a module worker,
// from loading pyodide.mjs to the first runPython. Served by bench_app.py only.
const url = new URL(location.href).searchParams.get("pyodide");
const started = performance.now();
const { loadPyodide } = await import(url + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: url });
pyodide.runPython("1 + 1");
postMessage(performance.now() - started);
