;; The CSV reader's fast lane (src/core/csv/number-lane.ts): whole records of plain decimal numbers,
;; parsed from bytes into columns. It takes only what scanNumber's fast path takes, and computes it
;; the same way (the digits as an exact integer below 2^53, one division by an exact 10^k: IEEE
;; rounds it correctly, in WebAssembly as in JavaScript), so a value is the same bits either way.
;; Anything else — a quote, an exponent, more than 15 significant digits, a sign '+', spaces, an
;; empty field, a blank line, a lone CR, a wrong count of fields, a record cut by the end of the
;; window — stops the lane at that record's start, and the JavaScript reader takes that record
;; with all its checks and messages. Built into number-lane-wasm.ts by scripts/build-wasm.mjs.
;;
;; Memory (laid out by number-lane.ts): the window of bytes at 0; at $kept one i32 per field of a
;; record, the byte offset of its output column, or −1 for a field nobody asked for (scanned only);
;; at $pow 10^0 … 10^22 as f64; outputs column by column, a value per record at offset + 8·count.
(module
  (import "env" "memory" (memory 1))

  ;; Records of bytes [$pos, $end) while $count < $cap, $count counting on from its given value.
  ;; Stores where it stopped (a record start) at $state and returns the new count.
  (func (export "records") (param $pos i32) (param $end i32) (param $ncols i32) (param $delim i32)
        (param $count i32) (param $cap i32) (param $kept i32) (param $pow i32) (param $state i32) (result i32)
    (local $p i32) (local $col i32) (local $k i32) (local $c i32) (local $d i32)
    (local $neg i32) (local $intStart i32) (local $dot i32) (local $fs i32) (local $frac i32) (local $sig i32)
    (local $m i64) (local $v f64)
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
              ;; [-] digits [. digits]: scanNumber's fast path
              (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
              (local.set $neg (i32.eq (i32.load8_u (local.get $p)) (i32.const 45)))
              (local.set $p (i32.add (local.get $p) (local.get $neg)))
              (local.set $intStart (local.get $p))
              (local.set $m (i64.const 0))
              (local.set $sig (i32.const 0))
              (block $intDone
                (loop $int
                  (br_if $intDone (i32.ge_u (local.get $p) (local.get $end)))
                  (local.set $d (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
                  (br_if $intDone (i32.gt_u (local.get $d) (i32.const 9)))
                  ;; leading zeros are not significant digits
                  (local.set $sig (i32.add (local.get $sig)
                    (i32.or (i64.ne (local.get $m) (i64.const 0)) (i32.ne (local.get $d) (i32.const 0)))))
                  (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $int)))
              (local.set $dot (i32.const 0))
              (local.set $frac (i32.const 0))
              (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
              (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 46))
                (then
                  (local.set $dot (i32.const 1))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $fs (local.get $p))
                  (block $fracDone
                    (loop $fraction
                      (br_if $fracDone (i32.ge_u (local.get $p) (local.get $end)))
                      (local.set $d (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
                      (br_if $fracDone (i32.gt_u (local.get $d) (i32.const 9)))
                      (local.set $sig (i32.add (local.get $sig)
                        (i32.or (i64.ne (local.get $m) (i64.const 0)) (i32.ne (local.get $d) (i32.const 0)))))
                      (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
                      (local.set $p (i32.add (local.get $p) (i32.const 1)))
                      (br $fraction)))
                  (local.set $frac (i32.sub (local.get $p) (local.get $fs)))))
              ;; no digit at all ('-', '.', empty), or beyond the fast path: the reader decides
              (br_if $stop (i32.eq (i32.sub (local.get $p) (local.get $intStart)) (local.get $dot)))
              (br_if $stop (i32.gt_u (local.get $sig) (i32.const 15)))
              (br_if $stop (i32.gt_u (local.get $frac) (i32.const 22)))
              (br_if $stop (i32.ge_u (local.get $p) (local.get $end)))
              ;; m < 10^15 < 2^53: exact as a double
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
