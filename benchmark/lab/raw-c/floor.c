/*
 * The raw C Node-API reference for issue 27's floor: one plain C callback per public hot
 * function, with the same argument contract as the package's binding (a Uint8Array or Buffer
 * view, else a TypeError; `byte` an integer from 0 to 255 and `initial` one from 0 to 2^32 - 1,
 * else a RangeError; an empty view of a detached buffer is a TypeError) and the same result. It
 * is what a competent C addon author writes: one napi_get_cb_info, one napi_get_typedarray_info,
 * napi_get_value_double for numbers (it checks the type itself), one value out. No glue library,
 * no panic guard (C has no unwinding to guard). Benchmark-only; built by load.mjs with cc.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>

#define CALL(env, call)                                                                            \
  do {                                                                                             \
    if ((call) != napi_ok) return NULL;                                                            \
  } while (0)

/* The bytes of a Uint8Array argument, or NULL with a TypeError thrown. */
static int bytes_arg(napi_env env, napi_value value, const char *name, uint8_t **data, size_t *len) {
  napi_typedarray_type kind;
  void *ptr;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, value, &kind, len, &ptr, &buffer, &offset) != napi_ok ||
      kind != napi_uint8_array) {
    napi_throw_type_error(env, NULL, name);
    return 0;
  }
  if (*len == 0) {
    bool detached = false;
    napi_is_detached_arraybuffer(env, buffer, &detached);
    if (detached) {
      napi_throw_type_error(env, NULL, "data is backed by a detached ArrayBuffer");
      return 0;
    }
  }
  *data = ptr;
  return 1;
}

/* An integer argument from 0 to max, or 0 with a TypeError or RangeError thrown. */
static int int_arg(napi_env env, napi_value value, double max, const char *type_msg,
                   const char *range_msg, double *out) {
  if (napi_get_value_double(env, value, out) != napi_ok) {
    napi_throw_type_error(env, NULL, type_msg);
    return 0;
  }
  double v = *out;
  if (!(v >= 0 && v <= max) || v != (double)(int64_t)v) {
    napi_throw_range_error(env, NULL, range_msg);
    return 0;
  }
  return 1;
}

static napi_value count_byte(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t *data;
  size_t len;
  double byte;
  if (!bytes_arg(env, argv[0], "data must be a Uint8Array or Buffer", &data, &len)) return NULL;
  if (!int_arg(env, argv[1], 255, "byte must be a number", "byte must be an integer from 0 to 255",
               &byte))
    return NULL;
  uint8_t b = (uint8_t)byte;
  size_t count = 0;
  for (size_t i = 0; i < len; i++) count += data[i] == b;
  napi_value out;
  CALL(env, napi_create_double(env, (double)count, &out));
  return out;
}

/* Length of the longest valid UTF-8 prefix (the rules of Rust's str::from_utf8). */
static size_t valid_up_to(const uint8_t *b, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t need;
    uint8_t lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c == 0xe0) lo = 0xa0;
      if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c == 0xf0) lo = 0x90;
      if (c == 0xf4) hi = 0x8f;
    } else {
      return i;
    }
    if (i + need >= n) return i;
    if (b[i + 1] < lo || b[i + 1] > hi) return i;
    for (size_t k = 2; k <= need; k++)
      if ((b[i + k] & 0xc0) != 0x80) return i;
    i += need + 1;
  }
  return n;
}

static napi_value is_utf8(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t *data;
  size_t len;
  if (!bytes_arg(env, argv[0], "data must be a Uint8Array or Buffer", &data, &len)) return NULL;
  napi_value out;
  CALL(env, napi_get_boolean(env, valid_up_to(data, len) == len, &out));
  return out;
}

static napi_value utf8_valid_up_to(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t *data;
  size_t len;
  if (!bytes_arg(env, argv[0], "data must be a Uint8Array or Buffer", &data, &len)) return NULL;
  napi_value out;
  CALL(env, napi_create_double(env, (double)valid_up_to(data, len), &out));
  return out;
}

/* Rust's str::lines on bytes: [start0, end0, ...]; a \r before a \n is dropped. One pass
 * counts the lines, a second writes the offsets straight into the new ArrayBuffer. */
static napi_value line_offsets(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t *data;
  size_t len;
  if (!bytes_arg(env, argv[0], "data must be a Uint8Array or Buffer", &data, &len)) return NULL;
  if (len > 0xffffffffu) {
    napi_throw_range_error(env, NULL, "data is too long for 32-bit line offsets");
    return NULL;
  }
  size_t lines = 0;
  for (size_t i = 0; i < len; i++) lines += data[i] == '\n';
  if (len > 0 && data[len - 1] != '\n') lines++;
  void *raw;
  napi_value buffer, out;
  CALL(env, napi_create_arraybuffer(env, lines * 8, &raw, &buffer));
  uint32_t *o = raw;
  size_t start = 0, k = 0;
  for (size_t i = 0; i < len; i++) {
    if (data[i] != '\n') continue;
    o[k++] = (uint32_t)start;
    o[k++] = (uint32_t)(i > start && data[i - 1] == '\r' ? i - 1 : i);
    start = i + 1;
  }
  if (start < len) {
    o[k++] = (uint32_t)start;
    o[k++] = (uint32_t)len;
  }
  CALL(env, napi_create_typedarray(env, napi_uint32_array, lines * 2, buffer, 0, &out));
  return out;
}

static uint32_t crc_table[256];

static napi_value crc32_sync(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t *data;
  size_t len;
  if (!bytes_arg(env, argv[0], "data must be a Uint8Array or Buffer", &data, &len)) return NULL;
  double initial = 0;
  if (argc >= 2) {
    napi_valuetype type;
    CALL(env, napi_typeof(env, argv[1], &type));
    if (type != napi_undefined &&
        !int_arg(env, argv[1], 4294967295.0, "initial must be a number",
                 "initial must be an integer from 0 to 4294967295", &initial))
      return NULL;
  }
  uint32_t c = ~(uint32_t)initial;
  for (size_t i = 0; i < len; i++) c = (c >> 8) ^ crc_table[(c ^ data[i]) & 0xff];
  napi_value out;
  CALL(env, napi_create_uint32(env, ~c, &out));
  return out;
}

NAPI_MODULE_INIT() {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
    crc_table[n] = c;
  }
  napi_property_descriptor props[] = {
      {"countByte", NULL, count_byte, NULL, NULL, NULL, napi_enumerable, NULL},
      {"isUtf8", NULL, is_utf8, NULL, NULL, NULL, napi_enumerable, NULL},
      {"utf8ValidUpTo", NULL, utf8_valid_up_to, NULL, NULL, NULL, napi_enumerable, NULL},
      {"crc32Sync", NULL, crc32_sync, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lineOffsets", NULL, line_offsets, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  CALL(env, napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  return exports;
}
