;; The CSV reader's fast lane (src/core/csv/number-lane.ts): whole records of plain decimal numbers,
;; parsed from bytes into columns, in WebAssembly SIMD. A number is `[-]digits[.digits]` with at
;; most 19 digits. When they read as an integer m ≤ 2^53, m is exact as a double and one division by
;; an exact 10^k is rounded correctly by IEEE arithmetic (Clinger's fast path); longer ones (a
;; double's shortest text has up to 17 digits) take the JavaScript reader's longDecimal in
;; double-double, which gives up on the rare value too near a midpoint. Either way the value is the
;; correctly rounded double of the text — the same bits as the JavaScript reader's. Anything else — a quote, an exponent, a longer number, a sign '+', spaces,
;; an empty field, a blank line, a wrong count of fields, a record cut by the end of the bytes —
;; stops the lane at that record's start, and the JavaScript reader takes that record with all its
;; checks and messages. Built into number-lane-wasm.ts by scripts/build-wasm.mjs.
;;
;; Two stages, as SIMD CSV parsers do: `index` lists where the window's delimiters, line ends and
;; quotes are (16 bytes per comparison), then `records` takes each field's bounds from that list,
;; so finding the next field never waits for the number before it to be parsed, and each number
;; is checked and converted with a handful of 16-byte operations instead of a loop per digit.
;;
;; Memory (laid out by number-lane.ts): the window of bytes at 0 (at least 16 bytes of memory after
;; it: fields are loaded 16 bytes at a time); at $kept one i32 per field of a record, the byte
;; offset of its output column, or −1 for a field nobody asked for; at $pow 10^0 … 10^22 as f64; at
;; $state the stop, the index cursor, and whether the stop is a record the window's end cut (i32 each); at $idx the index, one i32 per separator and
;; the window's length after the last; outputs column by column, a value per record at offset +
;; 8·count.
(module
  (import "env" "memory" (memory 1))

  ;; The offsets of the delimiters, LF, CR and quotes among the window's $len bytes, in order, then
  ;; $len; the cursor reset. Returns how many.
  (func (export "index") (param $len i32) (param $delim i32) (param $idx i32) (param $state i32) (result i32)
    (local $base i32) (local $out i32) (local $mask i32) (local $v v128)
    (local $vd v128) (local $vl v128) (local $vc v128) (local $vq v128)
    (local.set $vd (i8x16.splat (local.get $delim)))
    (local.set $vl (i8x16.splat (i32.const 10)))
    (local.set $vc (i8x16.splat (i32.const 13)))
    (local.set $vq (i8x16.splat (i32.const 34)))
    (local.set $out (local.get $idx))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $base) (local.get $len)))
        (local.set $v (v128.load (local.get $base)))
        (local.set $mask (i8x16.bitmask (v128.or
          (v128.or (i8x16.eq (local.get $v) (local.get $vd)) (i8x16.eq (local.get $v) (local.get $vl)))
          (v128.or (i8x16.eq (local.get $v) (local.get $vc)) (i8x16.eq (local.get $v) (local.get $vq))))))
        ;; the last block: only the window's bytes
        (if (i32.lt_u (i32.sub (local.get $len) (local.get $base)) (i32.const 16))
          (then (local.set $mask (i32.and (local.get $mask)
            (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $len) (local.get $base))) (i32.const 1))))))
        (block $none
          (loop $bits
            (br_if $none (i32.eqz (local.get $mask)))
            (i32.store (local.get $out) (i32.add (local.get $base) (i32.ctz (local.get $mask))))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (br $bits)))
        (local.set $base (i32.add (local.get $base) (i32.const 16)))
        (br $blocks)))
    (i32.store (local.get $out) (local.get $len))
    (i32.store offset=4 (local.get $state) (i32.const 0))
    (i32.shr_u (i32.sub (local.get $out) (local.get $idx)) (i32.const 2)))

  ;; The error of the product p = a·b (Dekker's TwoProduct with Veltkamp splitting): a·b = p + err.
  (func $productError (param $a f64) (param $b f64) (param $p f64) (result f64)
    (local $t f64) (local $a1 f64) (local $a2 f64) (local $b1 f64) (local $b2 f64)
    (local.set $t (f64.mul (f64.const 134217729) (local.get $a)))
    (local.set $a1 (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $a))))
    (local.set $a2 (f64.sub (local.get $a) (local.get $a1)))
    (local.set $t (f64.mul (f64.const 134217729) (local.get $b)))
    (local.set $b1 (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $b))))
    (local.set $b2 (f64.sub (local.get $b) (local.get $b1)))
    (f64.sub (f64.mul (local.get $a2) (local.get $b2))
      (f64.sub (f64.sub (f64.sub (local.get $p) (f64.mul (local.get $a1) (local.get $b1)))
                        (f64.mul (local.get $a2) (local.get $b1)))
               (f64.mul (local.get $a1) (local.get $b2)))))

  ;; m · 10^−frac (m < 10^19, frac ≤ 19), correctly rounded, or NaN when that is not certain: the
  ;; JavaScript reader's longDecimal (src/core/parse-number.ts). m = hi·10^8 + lo is exact as a
  ;; double-double, one division by the exact 10^frac lands within ~2^−104 of the value, and its
  ;; rounding to a double is certain unless the value is within 2^−90 of a midpoint between two
  ;; doubles (then NaN: the reader's Number() decides).
  (func $long (param $m i64) (param $frac i32) (param $pow i32) (result f64)
    (local $hi f64) (local $lo f64) (local $ph f64) (local $pl f64) (local $sh f64) (local $sl f64)
    (local $scale f64) (local $q1 f64) (local $q2 f64) (local $p f64) (local $r f64) (local $tail f64)
    (local $bits i64) (local $half f64) (local $distance f64) (local $margin f64)
    (local.set $lo (f64.convert_i64_u (i64.rem_u (local.get $m) (i64.const 100000000))))
    (local.set $hi (f64.convert_i64_u (i64.div_u (local.get $m) (i64.const 100000000))))
    (local.set $ph (f64.mul (local.get $hi) (f64.const 1e8)))
    (local.set $pl (call $productError (local.get $hi) (f64.const 1e8) (local.get $ph)))
    (local.set $sh (f64.add (local.get $ph) (local.get $lo)))
    (local.set $sl (f64.add (local.get $pl) (f64.sub (local.get $lo) (f64.sub (local.get $sh) (local.get $ph)))))
    (if (local.get $frac)
      (then
        (local.set $scale (f64.load (i32.add (local.get $pow) (i32.shl (local.get $frac) (i32.const 3)))))
        (local.set $q1 (f64.div (local.get $sh) (local.get $scale)))
        (local.set $p (f64.mul (local.get $q1) (local.get $scale)))
        (local.set $q2 (f64.div
          (f64.add (f64.sub (f64.sub (local.get $sh) (local.get $p)) (call $productError (local.get $q1) (local.get $scale) (local.get $p)))
                   (local.get $sl))
          (local.get $scale))))
      (else
        (local.set $q1 (local.get $sh))
        (local.set $q2 (local.get $sl))))
    (local.set $r (f64.add (local.get $q1) (local.get $q2)))
    (local.set $tail (f64.sub (local.get $q2) (f64.sub (local.get $r) (local.get $q1))))
    ;; half an ulp of r (r > 2^53·10^−19: a normal number), a quarter below a power of two when
    ;; the tail points down there
    (local.set $bits (i64.reinterpret_f64 (local.get $r)))
    (local.set $half (f64.reinterpret_i64 (i64.shl
      (i64.sub (i64.and (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 0x7ff)) (i64.const 53))
      (i64.const 52))))
    (if (i32.and (i64.eqz (i64.and (local.get $bits) (i64.const 0xfffffffffffff)))
                 (i32.eq (f64.lt (local.get $tail) (f64.const 0)) (f64.gt (local.get $r) (f64.const 0))))
      (then (local.set $half (f64.div (local.get $half) (f64.const 2)))))
    (local.set $margin (f64.mul (f64.abs (local.get $r)) (f64.const 0x1p-90)))
    (local.set $distance (f64.sub (f64.abs (local.get $tail)) (local.get $half)))
    (select (local.get $r) (f64.const nan)
      (i32.or (f64.gt (local.get $distance) (local.get $margin)) (f64.lt (local.get $distance) (f64.neg (local.get $margin))))))

  ;; Records of the window's bytes [$pos, $end) (indexed, $end its length) while $count < $cap,
  ;; $count counting on from its given value. Stores where it stopped (a record start) at $state,
  ;; and whether because the window ends inside that record, and returns the new count.
  (func (export "records") (param $pos i32) (param $end i32) (param $ncols i32) (param $delim i32)
        (param $count i32) (param $cap i32) (param $kept i32) (param $pow i32) (param $state i32) (param $idx i32) (result i32)
    (local $p i32) (local $col i32) (local $k i32) (local $c i32) (local $e i32) (local $ci i32) (local $cj i32)
    (local $s i32) (local $neg i32) (local $len i32) (local $valid i32) (local $dots i32) (local $ndots i32)
    (local $digits i32) (local $dot i32) (local $frac i32) (local $cut i32) (local $i i32) (local $d i32)
    (local $v v128) (local $ks v128) (local $w v128) (local $m i64) (local $x f64)
    ;; the index cursor: the first separator at or after $pos
    (local.set $ci (i32.load offset=4 (local.get $state)))
    (block $stop
      (loop $record
        (br_if $stop (i32.ge_u (local.get $count) (local.get $cap)))
        (br_if $stop (i32.ge_u (local.get $pos) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $pos)))
        ;; a blank line: the reader counts its row
        (br_if $stop (i32.eq (local.get $c) (i32.const 10)))
        (br_if $stop (i32.eq (local.get $c) (i32.const 13)))
        (block $found
          (loop $seek
            (br_if $found (i32.ge_u (i32.load (i32.add (local.get $idx) (i32.shl (local.get $ci) (i32.const 2)))) (local.get $pos)))
            (local.set $ci (i32.add (local.get $ci) (i32.const 1)))
            (br $seek)))
        (local.set $p (local.get $pos))
        (local.set $cj (local.get $ci))
        (local.set $col (i32.const 0))
        (loop $field
          ;; the field is [p, e), e its delimiter or line end (or a quote: the reader's)
          (local.set $e (i32.load (i32.add (local.get $idx) (i32.shl (local.get $cj) (i32.const 2)))))
          (local.set $cut (i32.ge_u (local.get $e) (local.get $end)))
          (br_if $stop (local.get $cut))
          (local.set $c (i32.load8_u (local.get $e)))
          (br_if $stop (i32.eq (local.get $c) (i32.const 34)))
          (local.set $k (i32.load (i32.add (local.get $kept) (i32.shl (local.get $col) (i32.const 2)))))
          (if (i32.ge_s (local.get $k) (i32.const 0))
            (then
              (local.set $s (local.get $p))
              (local.set $neg (i32.and (i32.lt_u (local.get $s) (local.get $e)) (i32.eq (i32.load8_u (local.get $s)) (i32.const 45))))
              (local.set $s (i32.add (local.get $s) (local.get $neg)))
              (local.set $len (i32.sub (local.get $e) (local.get $s)))
              (block $number
                (br_if $stop (i32.eqz (local.get $len)))
                (if (i32.le_u (local.get $len) (i32.const 16))
                  (then
                  ;; every byte a digit but at most one dot
                  (local.set $v (v128.load (local.get $s)))
                  (local.set $valid (i32.sub (i32.shl (i32.const 1) (local.get $len)) (i32.const 1)))
                  (local.set $dots (i32.and (local.get $valid) (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 46))))))
                  (local.set $v (i8x16.sub (local.get $v) (i8x16.splat (i32.const 48))))
                  (br_if $stop (i32.ne (local.get $valid) (i32.or (local.get $dots)
                    (i32.and (local.get $valid) (i8x16.bitmask (i8x16.lt_u (local.get $v) (i8x16.splat (i32.const 10))))))))
                  (local.set $ndots (i32.popcnt (local.get $dots)))
                  (br_if $stop (i32.gt_u (local.get $ndots) (i32.const 1)))
                  (local.set $digits (i32.sub (local.get $len) (local.get $ndots)))
                  (br_if $stop (i32.eqz (local.get $digits)))
                  ;; dot: its place (len when none); frac: the digits after it
                  (local.set $dot (select (i32.ctz (local.get $dots)) (local.get $len) (local.get $ndots)))
                  (local.set $frac (i32.sub (local.get $digits) (local.get $dot)))
                  ;; the digits without the dot, at the end of 16 bytes after zeros: byte j takes digit
                  ;; j − (16 − digits), which is at that place in the field, or one further after the dot
                  (local.set $ks (i8x16.add (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
                                            (i8x16.splat (i32.sub (local.get $digits) (i32.const 16)))))
                  (local.set $w (i8x16.swizzle (local.get $v)
                    (i8x16.sub (local.get $ks) (i8x16.ge_s (local.get $ks) (i8x16.splat (local.get $dot))))))
                  ;; 16 digits → 8 of two digits → 4 of four → 2 of eight → m
                  (local.set $w (i16x8.narrow_i32x4_u
                    (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $w)) (v128.const i16x8 10 1 10 1 10 1 10 1))
                    (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $w)) (v128.const i16x8 10 1 10 1 10 1 10 1))))
                  (local.set $w (i32x4.dot_i16x8_s (local.get $w) (v128.const i16x8 100 1 100 1 100 1 100 1)))
                  (local.set $w (i32x4.dot_i16x8_s (i16x8.narrow_i32x4_u (local.get $w) (local.get $w))
                                                   (v128.const i16x8 10000 1 10000 1 10000 1 10000 1)))
                  (local.set $m (i64.add
                    (i64.mul (i64.extend_i32_u (i32x4.extract_lane 0 (local.get $w))) (i64.const 100000000))
                    (i64.extend_i32_u (i32x4.extract_lane 1 (local.get $w)))))
                    ;; m ≤ 2^53: exact as a double, and one correctly rounded division
                    (if (i64.le_u (local.get $m) (i64.const 9007199254740992))
                      (then
                        (local.set $x (f64.convert_i64_u (local.get $m)))
                        (if (local.get $frac)
                          (then (local.set $x (f64.div (local.get $x)
                            (f64.load (i32.add (local.get $pow) (i32.shl (local.get $frac) (i32.const 3))))))))
                        (br $number))))
                  (else
                    ;; 17 to 20 bytes (a double's shortest text has up to 17 digits): digit by digit
                    (br_if $stop (i32.gt_u (local.get $len) (i32.const 20)))
                    (local.set $m (i64.const 0))
                    (local.set $dot (i32.const -1))
                    (local.set $i (local.get $s))
                    (block $scanned
                      (loop $scan
                        (br_if $scanned (i32.ge_u (local.get $i) (local.get $e)))
                        (local.set $d (i32.load8_u (local.get $i)))
                        (if (i32.eq (local.get $d) (i32.const 46))
                          (then
                            (br_if $stop (i32.ge_s (local.get $dot) (i32.const 0)))
                            (local.set $dot (i32.sub (local.get $i) (local.get $s))))
                          (else
                            (local.set $d (i32.sub (local.get $d) (i32.const 48)))
                            (br_if $stop (i32.gt_u (local.get $d) (i32.const 9)))
                            (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (local.get $d))))))
                        (local.set $i (i32.add (local.get $i) (i32.const 1)))
                        (br $scan)))
                    (local.set $digits (i32.sub (local.get $len) (i32.ge_s (local.get $dot) (i32.const 0))))
                    (br_if $stop (i32.gt_u (local.get $digits) (i32.const 19)))
                    (local.set $frac (select (i32.sub (i32.sub (local.get $len) (i32.const 1)) (local.get $dot)) (i32.const 0)
                                             (i32.ge_s (local.get $dot) (i32.const 0))))))
                ;; m > 2^53, at most 19 digits: m·10^−frac in double-double, rounded when that is certain
                (local.set $x (call $long (local.get $m) (local.get $frac) (local.get $pow)))
                (br_if $stop (f64.ne (local.get $x) (local.get $x))))
              (if (local.get $neg) (then (local.set $x (f64.neg (local.get $x)))))
              (f64.store (i32.add (local.get $k) (i32.shl (local.get $count) (i32.const 3))) (local.get $x))))
          (local.set $col (i32.add (local.get $col) (i32.const 1)))
          (local.set $p (i32.add (local.get $e) (i32.const 1)))
          (local.set $cj (i32.add (local.get $cj) (i32.const 1)))
          (if (i32.lt_u (local.get $col) (local.get $ncols))
            (then
              (br_if $stop (i32.ne (local.get $c) (local.get $delim)))
              (br $field)))
          ;; the record's last field: a line end, LF or CR LF or a CR alone (whose LF may be in the next bytes)
          (if (i32.ne (local.get $c) (i32.const 10))
            (then
              (br_if $stop (i32.ne (local.get $c) (i32.const 13)))
              (local.set $cut (i32.ge_u (local.get $p) (local.get $end)))
              (br_if $stop (local.get $cut))
              (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 10))
                (then
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $cj (i32.add (local.get $cj) (i32.const 1))))))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (local.set $pos (local.get $p))
        (local.set $ci (local.get $cj))
        (br $record)))
    (i32.store (local.get $state) (local.get $pos))
    (i32.store offset=4 (local.get $state) (local.get $ci))
    (i32.store offset=8 (local.get $state) (local.get $cut))
    (local.get $count)))
