;; The CSV reader's fast lane (src/core/csv/number-lane.ts): whole records of plain decimal numbers,
;; parsed from bytes into columns. A number is `[-]digits[.digits]` whose digits, read as one
;; integer m, are at most 19 and m ≤ 2^53: then m is exact as a double and one division by an exact
;; 10^k (k ≤ 19) is rounded correctly by IEEE arithmetic (Clinger's fast path), so the value is the
;; correctly rounded double of the text — the same bits as the JavaScript reader's. Anything else —
;; a quote, an exponent, a longer mantissa, a sign '+', spaces, an empty field, a blank line, a
;; wrong count of fields, a record cut by the end of the bytes — stops the lane at that record's
;; start, and the JavaScript reader takes that record with all its checks and messages. Built into
;; number-lane-wasm.ts by scripts/build-wasm.mjs.
;;
;; Memory (laid out by number-lane.ts): the window of bytes at 0 (at least 8 bytes of memory after
;; its end: digits are read 8 bytes at a time); at $kept one i32 per field of a record, the byte
;; offset of its output column, or −1 for a field nobody asked for (scanned only); at $pow 10^0 …
;; 10^22 as f64, then 10^0 … 10^8 as i64; outputs column by column, a value per record at offset +
;; 8·count.
(module
  (import "env" "memory" (memory 1))

  ;; Digits are read eight at a time (Lemire's SWAR conversion): the run's length from the first byte
  ;; that is not a digit, at most 8 bytes at a time and never past $end (the bytes after it are in
  ;; memory but not the caller's). Past 19 digits m wraps, and the record is not taken.
  ;; Records of bytes [$pos, $end) while $count < $cap, $count counting on from its given value.
  ;; Stores where it stopped (a record start) at $state and returns the new count.
  (func (export "records") (param $pos i32) (param $end i32) (param $ncols i32) (param $delim i32)
        (param $count i32) (param $cap i32) (param $kept i32) (param $pow i32) (param $state i32) (result i32)
    (local $p i32) (local $col i32) (local $k i32) (local $c i32)
    (local $neg i32) (local $intStart i32) (local $dot i32) (local $fs i32) (local $frac i32)
    (local $m i64) (local $v f64) (local $x i64) (local $n i32)
    (block $stop
      (loop $record
        (br_if $stop (i32.ge_u (local.get $count) (local.get $cap)))
        (br_if $stop (i32.ge_u (local.get $pos) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $pos)))
        ;; a blank line: the reader counts its row
        (br_if $stop (i32.eq (local.get $c) (i32.const 10)))
        (br_if $stop (i32.eq (local.get $c) (i32.const 13)))
        (local.set $p (local.get $pos))
        (local.set $col (i32.const 0))
        (loop $field
          (local.set $k (i32.load (i32.add (local.get $kept) (i32.shl (local.get $col) (i32.const 2)))))
          (if (i32.ge_s (local.get $k) (i32.const 0))
            (then
              ;; [-] digits [. digits], the digits an integer m ≤ 2^53 (exact as a double)
              (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
              (local.set $neg (i32.eq (i32.load8_u (local.get $p)) (i32.const 45)))
              (local.set $p (i32.add (local.get $p) (local.get $neg)))
              (local.set $intStart (local.get $p))
              (local.set $m (i64.const 0))
              (loop $intWords
                ;; the bytes minus '0': a byte is a digit when its high nibble is 0 and its low one is < 10
                (local.set $x (i64.xor (i64.load (local.get $p)) (i64.const 0x3030303030303030)))
                (local.set $n (i32.wrap_i64 (i64.shr_u
                  (i64.ctz (i64.or (i64.and (local.get $x) (i64.const 0xF0F0F0F0F0F0F0F0))
                                   (i64.and (i64.add (i64.and (local.get $x) (i64.const 0x0F0F0F0F0F0F0F0F)) (i64.const 0x0606060606060606))
                                            (i64.const 0xF0F0F0F0F0F0F0F0))))
                  (i64.const 3))))
                (if (local.get $n)
                  (then
                    ;; the n digits at the top of eight, zeros before them: the first digit the most significant
                    (local.set $x (i64.shl (local.get $x) (i64.extend_i32_u (i32.sub (i32.const 64) (i32.shl (local.get $n) (i32.const 3))))))
                    (local.set $x (i64.and (i64.shr_u (i64.mul (local.get $x) (i64.const 2561)) (i64.const 8)) (i64.const 0x00FF00FF00FF00FF)))
                    (local.set $x (i64.and (i64.shr_u (i64.mul (local.get $x) (i64.const 6553601)) (i64.const 16)) (i64.const 0x0000FFFF0000FFFF)))
                    (local.set $x (i64.shr_u (i64.mul (local.get $x) (i64.const 42949672960001)) (i64.const 32)))
                    ;; m·10^n + the digits (10^n from the table after the doubles' 10^0 … 10^22)
                    (local.set $m (i64.add (i64.mul (local.get $m) (i64.load offset=184 (i32.add (local.get $pow) (i32.shl (local.get $n) (i32.const 3)))))
                                           (local.get $x)))
                    (local.set $p (i32.add (local.get $p) (local.get $n)))))
                (br_if $intWords (i32.and (i32.eq (local.get $n) (i32.const 8)) (i32.lt_u (local.get $p) (local.get $end)))))
              (local.set $dot (i32.const 0))
              (local.set $frac (i32.const 0))
              (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
              (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 46))
                (then
                  (local.set $dot (i32.const 1))
                  (local.set $fs (i32.add (local.get $p) (i32.const 1)))
                  (local.set $p (local.get $fs))
                  (loop $fracWords
                    ;; the bytes minus '0': a byte is a digit when its high nibble is 0 and its low one is < 10
                    (local.set $x (i64.xor (i64.load (local.get $p)) (i64.const 0x3030303030303030)))
                    (local.set $n (i32.wrap_i64 (i64.shr_u
                      (i64.ctz (i64.or (i64.and (local.get $x) (i64.const 0xF0F0F0F0F0F0F0F0))
                                       (i64.and (i64.add (i64.and (local.get $x) (i64.const 0x0F0F0F0F0F0F0F0F)) (i64.const 0x0606060606060606))
                                                (i64.const 0xF0F0F0F0F0F0F0F0))))
                      (i64.const 3))))
                    (if (local.get $n)
                      (then
                        ;; the n digits at the top of eight, zeros before them: the first digit the most significant
                        (local.set $x (i64.shl (local.get $x) (i64.extend_i32_u (i32.sub (i32.const 64) (i32.shl (local.get $n) (i32.const 3))))))
                        (local.set $x (i64.and (i64.shr_u (i64.mul (local.get $x) (i64.const 2561)) (i64.const 8)) (i64.const 0x00FF00FF00FF00FF)))
                        (local.set $x (i64.and (i64.shr_u (i64.mul (local.get $x) (i64.const 6553601)) (i64.const 16)) (i64.const 0x0000FFFF0000FFFF)))
                        (local.set $x (i64.shr_u (i64.mul (local.get $x) (i64.const 42949672960001)) (i64.const 32)))
                        ;; m·10^n + the digits (10^n from the table after the doubles' 10^0 … 10^22)
                        (local.set $m (i64.add (i64.mul (local.get $m) (i64.load offset=184 (i32.add (local.get $pow) (i32.shl (local.get $n) (i32.const 3)))))
                                               (local.get $x)))
                        (local.set $p (i32.add (local.get $p) (local.get $n)))))
                    (br_if $fracWords (i32.and (i32.eq (local.get $n) (i32.const 8)) (i32.lt_u (local.get $p) (local.get $end)))))
                  (local.set $frac (i32.sub (local.get $p) (local.get $fs)))))
              ;; no digit at all ('-', '.', empty), the bytes' end, or beyond the fast path: the reader decides
              (br_if $stop (i32.eq (i32.sub (local.get $p) (local.get $intStart)) (local.get $dot)))
              (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
              (br_if $stop (i32.gt_u (i32.sub (i32.sub (local.get $p) (local.get $intStart)) (local.get $dot)) (i32.const 19)))
              (br_if $stop (i64.gt_u (local.get $m) (i64.const 9007199254740992)))
              (local.set $v (f64.convert_i64_u (local.get $m)))
              (if (local.get $frac)
                (then (local.set $v (f64.div (local.get $v)
                  (f64.load (i32.add (local.get $pow) (i32.shl (local.get $frac) (i32.const 3))))))))
              (if (local.get $neg) (then (local.set $v (f64.neg (local.get $v)))))
              (f64.store (i32.add (local.get $k) (i32.shl (local.get $count) (i32.const 3))) (local.get $v)))
            (else
              ;; a field nobody asked for: to its delimiter or line end (a quoted one: the reader)
              (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
              (br_if $stop (i32.eq (i32.load8_u (local.get $p)) (i32.const 34)))
              (block $skipped
                (loop $skip
                  (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
                  (local.set $c (i32.load8_u (local.get $p)))
                  (br_if $skipped (i32.eq (local.get $c) (local.get $delim)))
                  (br_if $skipped (i32.eq (local.get $c) (i32.const 10)))
                  (br_if $skipped (i32.eq (local.get $c) (i32.const 13)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $skip)))))
          ;; p < end here: the field's end must be a delimiter or the record's line end
          (local.set $c (i32.load8_u (local.get $p)))
          (local.set $col (i32.add (local.get $col) (i32.const 1)))
          (if (i32.eq (local.get $c) (local.get $delim))
            (then
              (br_if $stop (i32.eq (local.get $col) (local.get $ncols)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $field)))
          (br_if $stop (i32.ne (local.get $col) (local.get $ncols)))
          (if (i32.eq (local.get $c) (i32.const 10))
            (then (local.set $p (i32.add (local.get $p) (i32.const 1))))
            (else
              ;; CR LF, or a CR alone; a CR at the window's end may have its LF in the next bytes
              (br_if $stop (i32.ne (local.get $c) (i32.const 13)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
              (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 10))
                (then (local.set $p (i32.add (local.get $p) (i32.const 1))))))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (local.set $pos (local.get $p))
        (br $record)))
    (i32.store (local.get $state) (local.get $pos))
    (local.get $count)))
