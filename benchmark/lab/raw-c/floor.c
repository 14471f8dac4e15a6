/*
 * The raw C Node-API reference for issue 27's floor: one plain C callback per public hot
 * function, with the same argument contract as the package's binding (a Uint8Array or Buffer
 * view, else a TypeError; `byte` an integer from 0 to 255 and `initial` one from 0 to 2^32 - 1,
 * else a RangeError; an empty view of a detached buffer is a TypeError) and the same result. It
 * is what a competent C addon author writes: one napi_get_cb_info, one napi_get_typedarray_info,
 * napi_get_value_double for numbers (it checks the type itself), one value out. No glue library,
 * no panic guard (C has no unwinding to guard). Benchmark-only; built by load.cjs with cc.
 *
 * The record codec's references take the binding's flat form (`decodeRecordArraysInto`,
 * `encodeRecordArraysInto`): each column a typed array of its own kind (else a TypeError), a
 * RangeError when two arguments share memory where one is written, when the stream is not a
 * whole number of 24-byte records, or when a column or `out` is too short, and `count` as
 * `initial` (undefined means all, null is a TypeError). Checked in the binding's order, before
 * anything is written. Records are copied with memcpy, which is the little-endian wire format on
 * the little-endian hosts the benchmark runs on.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CALL(env, call)                                                                            \
  do {                                                                                             \
    if ((call) != napi_ok) return NULL;                                                            \
  } while (0)

/* A view of one typed array kind, or 0 with a TypeError thrown: the wrong kind, an empty view of
 * a detached buffer, and a misaligned one (JS cannot build it; the binding refuses one rather
 * than assume, before it forms a slice). */
static int view_arg(napi_env env, napi_value value, napi_typedarray_type want, size_t width,
                    const char *type_msg, void **data, size_t *len) {
  napi_typedarray_type kind;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, value, &kind, len, data, &buffer, &offset) != napi_ok ||
      kind != want) {
    napi_throw_type_error(env, NULL, type_msg);
    return 0;
  }
  if (*len == 0) {
    bool detached = false;
    napi_is_detached_arraybuffer(env, buffer, &detached);
    if (detached) {
      napi_throw_type_error(env, NULL, "a view is backed by a detached ArrayBuffer");
      return 0;
    }
  } else if ((uintptr_t)*data % width != 0) {
    napi_throw_type_error(env, NULL, "a view is not aligned to its element size");
    return 0;
  }
  return 1;
}

/* The bytes of a Uint8Array argument, or 0 with a TypeError thrown. */
static int bytes_arg(napi_env env, napi_value value, const char *name, uint8_t **data, size_t *len) {
  return view_arg(env, value, napi_uint8_array, 1, name, (void **)data, len);
}

/* The bytes one argument covers, for the aliasing check. */
typedef struct {
  uintptr_t start;
  size_t bytes;
  int written;
} extent;

/* Whether two arguments share a byte where at least one is written (empty ones share none). */
static int shares(extent a, extent b) {
  return (a.written || b.written) && a.bytes != 0 && b.bytes != 0 && a.start < b.start + b.bytes &&
         b.start < a.start + a.bytes;
}

/* 0 with a RangeError thrown when any two of the n extents alias (see shares). */
static int disjoint(napi_env env, const extent *e, size_t n) {
  for (size_t a = 0; a < n; a++)
    for (size_t b = a + 1; b < n; b++)
      if (shares(e[a], e[b])) {
        napi_throw_range_error(env, NULL, "two arguments must not share memory");
        return 0;
      }
  return 1;
}

/* The five record columns: timestamp u64, value f64, id u32, kind u16, flags u16. */
typedef struct {
  uint64_t *t;
  double *v;
  uint32_t *i;
  uint16_t *k, *f;
  size_t tn, vn, in, kn, fn;
} columns;

static int columns_arg(napi_env env, const napi_value *argv, columns *c) {
  return view_arg(env, argv[0], napi_biguint64_array, 8, "timestamp must be a BigUint64Array",
                  (void **)&c->t, &c->tn) &&
         view_arg(env, argv[1], napi_float64_array, 8, "value must be a Float64Array",
                  (void **)&c->v, &c->vn) &&
         view_arg(env, argv[2], napi_uint32_array, 4, "id must be a Uint32Array", (void **)&c->i,
                  &c->in) &&
         view_arg(env, argv[3], napi_uint16_array, 2, "kind must be a Uint16Array",
                  (void **)&c->k, &c->kn) &&
         view_arg(env, argv[4], napi_uint16_array, 2, "flags must be a Uint16Array",
                  (void **)&c->f, &c->fn);
}

static void column_extents(const columns *c, int written, extent *e) {
  e[0] = (extent){(uintptr_t)c->t, c->tn * 8, written};
  e[1] = (extent){(uintptr_t)c->v, c->vn * 8, written};
  e[2] = (extent){(uintptr_t)c->i, c->in * 4, written};
  e[3] = (extent){(uintptr_t)c->k, c->kn * 2, written};
  e[4] = (extent){(uintptr_t)c->f, c->fn * 2, written};
}

/* 0 with a RangeError thrown unless every column has n slots. */
static int columns_hold(napi_env env, const columns *c, size_t n) {
  if (c->tn < n || c->vn < n || c->in < n || c->kn < n || c->fn < n) {
    napi_throw_range_error(env, NULL, "a column is too short for the records");
    return 0;
  }
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

/* decodeRecordArraysInto(data, timestamp, value, id, kind, flags): every 24-byte little-endian
 * record of data into the first slots of the columns; the record count. Nothing is written when
 * data is not a whole number of records, a column is short, or two arguments share memory. */
static napi_value decode_record_arrays_into(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t *data;
  size_t len;
  columns c;
  if (!bytes_arg(env, argv[0], "data must be a Uint8Array or Buffer", &data, &len)) return NULL;
  if (!columns_arg(env, argv + 1, &c)) return NULL;
  extent e[6];
  e[0] = (extent){(uintptr_t)data, len, 0};
  column_extents(&c, 1, e + 1);
  if (!disjoint(env, e, 6)) return NULL;
  if (len % 24 != 0) {
    napi_throw_range_error(env, NULL, "data is truncated: not a multiple of 24 bytes");
    return NULL;
  }
  size_t n = len / 24;
  if (!columns_hold(env, &c, n)) return NULL;
  for (size_t j = 0; j < n; j++) {
    const uint8_t *r = data + j * 24;
    memcpy(&c.t[j], r, 8);
    memcpy(&c.v[j], r + 8, 8);
    memcpy(&c.i[j], r + 16, 4);
    memcpy(&c.k[j], r + 20, 2);
    memcpy(&c.f[j], r + 22, 2);
  }
  napi_value out;
  CALL(env, napi_create_double(env, (double)n, &out));
  return out;
}

/* encodeRecordArraysInto(timestamp, value, id, kind, flags, out, count?): the first count
 * records (default timestamp.length) into the start of out; the bytes written. */
static napi_value encode_record_arrays_into(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  columns c;
  uint8_t *out;
  size_t len;
  if (!columns_arg(env, argv, &c)) return NULL;
  if (!bytes_arg(env, argv[5], "out must be a Uint8Array or Buffer", &out, &len)) return NULL;
  extent e[6];
  e[0] = (extent){(uintptr_t)out, len, 1};
  column_extents(&c, 0, e + 1);
  if (!disjoint(env, e, 6)) return NULL;
  size_t n = c.tn;
  if (argc >= 7) {
    napi_valuetype type;
    CALL(env, napi_typeof(env, argv[6], &type));
    double count;
    if (type != napi_undefined) {
      if (!int_arg(env, argv[6], 4294967295.0, "count must be a number",
                   "count must be an integer from 0 to 4294967295", &count))
        return NULL;
      n = (size_t)count;
    }
  }
  if (!columns_hold(env, &c, n)) return NULL;
  if (len < n * 24) {
    napi_throw_range_error(env, NULL, "out is too short for the records");
    return NULL;
  }
  for (size_t j = 0; j < n; j++) {
    uint8_t *r = out + j * 24;
    memcpy(r, &c.t[j], 8);
    memcpy(r + 8, &c.v[j], 8);
    memcpy(r + 16, &c.i[j], 4);
    memcpy(r + 20, &c.k[j], 2);
    memcpy(r + 22, &c.f[j], 2);
  }
  napi_value result;
  CALL(env, napi_create_double(env, (double)(n * 24), &result));
  return result;
}

/* CRC-32 by slicing-by-8 (eight table lookups per 8 bytes), the usual portable C kernel: table k
 * gives the CRC of a byte followed by k zero bytes. Little-endian loads, as elsewhere here. */
static uint32_t crc_table[8][256];

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n) {
  uint32_t c = ~crc;
  for (; n >= 8; p += 8, n -= 8) {
    uint32_t lo, hi;
    memcpy(&lo, p, 4);
    memcpy(&hi, p + 4, 4);
    lo ^= c;
    c = crc_table[7][lo & 0xff] ^ crc_table[6][(lo >> 8) & 0xff] ^ crc_table[5][(lo >> 16) & 0xff] ^
        crc_table[4][lo >> 24] ^ crc_table[3][hi & 0xff] ^ crc_table[2][(hi >> 8) & 0xff] ^
        crc_table[1][(hi >> 16) & 0xff] ^ crc_table[0][hi >> 24];
  }
  for (; n > 0; p++, n--) c = (c >> 8) ^ crc_table[0][(c ^ *p) & 0xff];
  return ~c;
}

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
  napi_value out;
  CALL(env, napi_create_uint32(env, crc32_update((uint32_t)initial, data, len), &out));
  return out;
}

/* NativeBlock: malloc'd bytes owned by the addon, freed by close() or by the finalizer, with the
 * binding's contract: new NativeBlock(size, reportExternal?) (size a u32, reportExternal a
 * boolean or undefined, a RangeError when the allocation fails), fill(byte), checksum(),
 * close() (again: a no-op), byteLength and closed; fill and checksum on a closed block are a
 * TypeError. Each method checks its receiver's type tag before napi_unwrap, as the binding does
 * (Bun calls a method with a receiver of another class). */
typedef struct {
  uint8_t *data; /* NULL once closed */
  size_t len;
  int64_t reported;
} block;

static const napi_type_tag block_tag = {0x666c6f6f72626c6fULL, 0x636b2d7265662d31ULL};

static void block_free(napi_env env, block *b) {
  int64_t now;
  if (b->reported != 0) napi_adjust_external_memory(env, -b->reported, &now);
  b->reported = 0;
  free(b->data);
  b->data = NULL;
}

static void block_finalize(napi_env env, void *data, void *hint) {
  (void)hint;
  block_free(env, data);
  free(data);
}

/* The block behind `this`, or NULL with a TypeError thrown. */
static block *this_block(napi_env env, napi_value self) {
  bool tagged = false;
  void *b = NULL;
  if (napi_check_object_type_tag(env, self, &block_tag, &tagged) != napi_ok || !tagged ||
      napi_unwrap(env, self, &b) != napi_ok) {
    napi_throw_type_error(env, NULL, "this is not a NativeBlock");
    return NULL;
  }
  return b;
}

static napi_value block_new(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], self;
  CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  double size;
  if (!int_arg(env, argv[0], 4294967295.0, "size must be a number",
               "size must be an integer from 0 to 4294967295", &size))
    return NULL;
  bool report = true;
  if (argc >= 2) {
    napi_valuetype type;
    CALL(env, napi_typeof(env, argv[1], &type));
    if (type != napi_undefined && napi_get_value_bool(env, argv[1], &report) != napi_ok) {
      napi_throw_type_error(env, NULL, "reportExternal must be a boolean");
      return NULL;
    }
  }
  block *b = malloc(sizeof *b);
  uint8_t *data = calloc(size > 0 ? (size_t)size : 1, 1);
  if (b == NULL || data == NULL) {
    free(b);
    free(data);
    napi_throw_range_error(env, NULL, "cannot allocate the block");
    return NULL;
  }
  *b = (block){data, (size_t)size, report ? (int64_t)size : 0};
  int64_t now;
  if (b->reported != 0) napi_adjust_external_memory(env, b->reported, &now);
  if (napi_wrap(env, self, b, block_finalize, NULL, NULL) != napi_ok) {
    block_finalize(env, b, NULL);
    return NULL;
  }
  CALL(env, napi_type_tag_object(env, self, &block_tag));
  return self;
}

static napi_value block_fill(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], self;
  CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  block *b = this_block(env, self);
  double byte;
  if (b == NULL || !int_arg(env, argv[0], 255, "byte must be a number",
                            "byte must be an integer from 0 to 255", &byte))
    return NULL;
  if (b->data == NULL) {
    napi_throw_type_error(env, NULL, "NativeBlock is closed");
    return NULL;
  }
  memset(b->data, (int)byte, b->len);
  return NULL;
}


static napi_value block_checksum(napi_env env, napi_callback_info info) {
  napi_value self;
  CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
  block *b = this_block(env, self);
  if (b == NULL) return NULL;
  if (b->data == NULL) {
    napi_throw_type_error(env, NULL, "NativeBlock is closed");
    return NULL;
  }
  napi_value out;
  CALL(env, napi_create_uint32(env, crc32_update(0, b->data, b->len), &out));
  return out;
}

static napi_value block_close(napi_env env, napi_callback_info info) {
  napi_value self;
  CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
  block *b = this_block(env, self);
  if (b != NULL) block_free(env, b);
  return NULL;
}

static napi_value block_byte_length(napi_env env, napi_callback_info info) {
  napi_value self, out;
  CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
  block *b = this_block(env, self);
  if (b == NULL) return NULL;
  CALL(env, napi_create_uint32(env, b->data == NULL ? 0 : (uint32_t)b->len, &out));
  return out;
}

static napi_value block_closed(napi_env env, napi_callback_info info) {
  napi_value self, out;
  CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
  block *b = this_block(env, self);
  if (b == NULL) return NULL;
  CALL(env, napi_get_boolean(env, b->data == NULL, &out));
  return out;
}

NAPI_MODULE_INIT() {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
    crc_table[0][n] = c;
  }
  for (uint32_t n = 0; n < 256; n++)
    for (int k = 1; k < 8; k++)
      crc_table[k][n] = (crc_table[k - 1][n] >> 8) ^ crc_table[0][crc_table[k - 1][n] & 0xff];
  napi_property_descriptor props[] = {
      {"countByte", NULL, count_byte, NULL, NULL, NULL, napi_enumerable, NULL},
      {"isUtf8", NULL, is_utf8, NULL, NULL, NULL, napi_enumerable, NULL},
      {"utf8ValidUpTo", NULL, utf8_valid_up_to, NULL, NULL, NULL, napi_enumerable, NULL},
      {"crc32Sync", NULL, crc32_sync, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lineOffsets", NULL, line_offsets, NULL, NULL, NULL, napi_enumerable, NULL},
      {"decodeRecordArraysInto", NULL, decode_record_arrays_into, NULL, NULL, NULL,
       napi_enumerable, NULL},
      {"encodeRecordArraysInto", NULL, encode_record_arrays_into, NULL, NULL, NULL,
       napi_enumerable, NULL},
  };
  CALL(env, napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  napi_property_descriptor methods[] = {
      {"fill", NULL, block_fill, NULL, NULL, NULL, napi_default_method, NULL},
      {"checksum", NULL, block_checksum, NULL, NULL, NULL, napi_default_method, NULL},
      {"close", NULL, block_close, NULL, NULL, NULL, napi_default_method, NULL},
      {"byteLength", NULL, NULL, block_byte_length, NULL, NULL, napi_enumerable, NULL},
      {"closed", NULL, NULL, block_closed, NULL, NULL, napi_enumerable, NULL},
  };
  napi_value block_class;
  CALL(env, napi_define_class(env, "NativeBlock", NAPI_AUTO_LENGTH, block_new, NULL,
                              sizeof methods / sizeof methods[0], methods, &block_class));
  CALL(env, napi_set_named_property(env, exports, "NativeBlock", block_class));
  return exports;
}
