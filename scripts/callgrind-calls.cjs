// Instructions per call of one raw binding function at its smallest benchmarked size, for
// comparing builds where timing is too noisy (issue 27's floor). Run it under callgrind against
// an addon built with symbols, then read the raw callback's inclusive count (its own code and the
// Node-API calls it makes) and divide by the call count:
//
//   npx napi build --platform --profile release-with-debug --manifest-path crates/node/Cargo.toml \
//     --output-dir target/cg --js false --dts false
//   valgrind --tool=callgrind --callgrind-out-file=target/cg/out.encode \
//     node scripts/callgrind-calls.cjs target/cg/rust-patterns.linux-x64-gnu.node encode 20000
//   callgrind_annotate --inclusive=yes target/cg/out.encode | grep raw_encode_record_arrays_into
//
// Functions: decode (decodeRecordArraysInto, 1 record), encode (encodeRecordArraysInto, 1 record,
// no count), isUtf8, crc32 (crc32Sync) and countByte (16 bytes).
const [addonPath, which, callsArg] = process.argv.slice(2);
const calls = Number(callsArg);
if (addonPath === undefined || !Number.isSafeInteger(calls) || calls < 1) {
  process.stderr.write('usage: node scripts/callgrind-calls.cjs <addon.node> <function> <calls>\n');
  process.exit(2);
}
const binding = require(require('node:path').resolve(addonPath));
const record = new Uint8Array(24);
const columns = [
  new BigUint64Array(1),
  new Float64Array(1),
  new Uint32Array(1),
  new Uint16Array(1),
  new Uint16Array(1),
];
const out = new Uint8Array(24);
const bytes = new Uint8Array(16).fill(97);
const functions = {
  decode: () => binding.decodeRecordArraysInto(record, ...columns),
  encode: () => binding.encodeRecordArraysInto(...columns, out),
  isUtf8: () => (binding.isUtf8(bytes) ? 1 : 0),
  crc32: () => binding.crc32Sync(bytes),
  countByte: () => binding.countByte(bytes, 97),
};
const call = functions[which];
if (call === undefined) {
  process.stderr.write(`function must be one of ${Object.keys(functions).join(', ')}\n`);
  process.exit(2);
}
let total = 0;
for (let i = 0; i < calls; i++) total += call();
console.log(`${which}: ${calls} calls (results sum to ${total})`);
