;; The Gram matrix's Dot2 kernels (src/core/least-squares-refine.ts) in WebAssembly SIMD: two rows
;; at once, even rows in lane 0 and odd rows in lane 1, each lane the same operations in the same
;; order as the JavaScript kernels `dot2Lanes` and `dot2PairLanes` there, so the two give the same
;; bits. Built into gram-kernels-wasm.ts by scripts/build-wasm.mjs (wabt); a unit test checks that
;; file is this one compiled.
;;
;; Memory: the caller's scratch columns. A column's values at byte offset a (ZH), a + dl (ZL, their
;; low parts) and a + d1 (Z1, Veltkamp high halves of ZH); n rows (even: the caller pads with a
;; zero row). Results at out, one lane per v128: S then C (dot2), S, C, S2, C2 (dot2Pair).
(module
  (import "env" "memory" (memory 1))

  ;; Σ z_a·z_b
  (func (export "dot2") (param $a i32) (param $b i32) (param $dl i32) (param $d1 i32) (param $n i32) (param $out i32)
    (local $end i32)
    (local $S v128) (local $C v128) (local $u v128) (local $v v128) (local $u1 v128) (local $v1 v128)
    (local $u2 v128) (local $v2 v128) (local $pr v128) (local $pe v128) (local $sn v128) (local $bb v128)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $u (v128.load (local.get $a)))
        (local.set $v (v128.load (local.get $b)))
        (local.set $u1 (v128.load (i32.add (local.get $a) (local.get $d1))))
        (local.set $v1 (v128.load (i32.add (local.get $b) (local.get $d1))))
        (local.set $u2 (f64x2.sub (local.get $u) (local.get $u1)))
        (local.set $v2 (f64x2.sub (local.get $v) (local.get $v1)))
        (local.set $pr (f64x2.mul (local.get $u) (local.get $v)))
        ;; pe = u2·v2 − (((pr − u1·v1) − u2·v1) − u1·v2): TwoProduct's error
        (local.set $pe (f64x2.sub (f64x2.mul (local.get $u2) (local.get $v2))
          (f64x2.sub (f64x2.sub (f64x2.sub (local.get $pr) (f64x2.mul (local.get $u1) (local.get $v1)))
                                (f64x2.mul (local.get $u2) (local.get $v1)))
                     (f64x2.mul (local.get $u1) (local.get $v2)))))
        (local.set $sn (f64x2.add (local.get $S) (local.get $pr)))
        (local.set $bb (f64x2.sub (local.get $sn) (local.get $S)))
        ;; C += S − (sn − bb) + (pr − bb) + pe + (u·vl + ul·v)
        (local.set $C (f64x2.add (local.get $C)
          (f64x2.add
            (f64x2.add (f64x2.add (f64x2.sub (local.get $S) (f64x2.sub (local.get $sn) (local.get $bb)))
                                  (f64x2.sub (local.get $pr) (local.get $bb)))
                       (local.get $pe))
            (f64x2.add (f64x2.mul (local.get $u) (v128.load (i32.add (local.get $b) (local.get $dl))))
                       (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $dl))) (local.get $v))))))
        (local.set $S (local.get $sn))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $rows)))
    (v128.store (local.get $out) (local.get $S))
    (v128.store offset=16 (local.get $out) (local.get $C)))

  ;; Σ z_a·z_b and Σ z_c·z_b at once (they share the loads of z_b)
  (func (export "dot2Pair") (param $a i32) (param $c i32) (param $b i32) (param $dl i32) (param $d1 i32) (param $n i32) (param $out i32)
    (local $end i32)
    (local $S v128) (local $C v128) (local $S2 v128) (local $C2 v128)
    (local $v v128) (local $v1 v128) (local $v2 v128) (local $vl v128)
    (local $u v128) (local $u1 v128) (local $u2 v128)
    (local $pr v128) (local $pe v128) (local $sn v128) (local $bb v128)
    (local.set $end (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $b) (local.get $end)))
        (local.set $v (v128.load (local.get $b)))
        (local.set $v1 (v128.load (i32.add (local.get $b) (local.get $d1))))
        (local.set $v2 (f64x2.sub (local.get $v) (local.get $v1)))
        (local.set $vl (v128.load (i32.add (local.get $b) (local.get $dl))))
        ;; z_a
        (local.set $u (v128.load (local.get $a)))
        (local.set $u1 (v128.load (i32.add (local.get $a) (local.get $d1))))
        (local.set $u2 (f64x2.sub (local.get $u) (local.get $u1)))
        (local.set $pr (f64x2.mul (local.get $u) (local.get $v)))
        (local.set $pe (f64x2.sub (f64x2.mul (local.get $u2) (local.get $v2))
          (f64x2.sub (f64x2.sub (f64x2.sub (local.get $pr) (f64x2.mul (local.get $u1) (local.get $v1)))
                                (f64x2.mul (local.get $u2) (local.get $v1)))
                     (f64x2.mul (local.get $u1) (local.get $v2)))))
        (local.set $sn (f64x2.add (local.get $S) (local.get $pr)))
        (local.set $bb (f64x2.sub (local.get $sn) (local.get $S)))
        (local.set $C (f64x2.add (local.get $C)
          (f64x2.add
            (f64x2.add (f64x2.add (f64x2.sub (local.get $S) (f64x2.sub (local.get $sn) (local.get $bb)))
                                  (f64x2.sub (local.get $pr) (local.get $bb)))
                       (local.get $pe))
            (f64x2.add (f64x2.mul (local.get $u) (local.get $vl))
                       (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $dl))) (local.get $v))))))
        (local.set $S (local.get $sn))
        ;; z_c
        (local.set $u (v128.load (local.get $c)))
        (local.set $u1 (v128.load (i32.add (local.get $c) (local.get $d1))))
        (local.set $u2 (f64x2.sub (local.get $u) (local.get $u1)))
        (local.set $pr (f64x2.mul (local.get $u) (local.get $v)))
        (local.set $pe (f64x2.sub (f64x2.mul (local.get $u2) (local.get $v2))
          (f64x2.sub (f64x2.sub (f64x2.sub (local.get $pr) (f64x2.mul (local.get $u1) (local.get $v1)))
                                (f64x2.mul (local.get $u2) (local.get $v1)))
                     (f64x2.mul (local.get $u1) (local.get $v2)))))
        (local.set $sn (f64x2.add (local.get $S2) (local.get $pr)))
        (local.set $bb (f64x2.sub (local.get $sn) (local.get $S2)))
        (local.set $C2 (f64x2.add (local.get $C2)
          (f64x2.add
            (f64x2.add (f64x2.add (f64x2.sub (local.get $S2) (f64x2.sub (local.get $sn) (local.get $bb)))
                                  (f64x2.sub (local.get $pr) (local.get $bb)))
                       (local.get $pe))
            (f64x2.add (f64x2.mul (local.get $u) (local.get $vl))
                       (f64x2.mul (v128.load (i32.add (local.get $c) (local.get $dl))) (local.get $v))))))
        (local.set $S2 (local.get $sn))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $rows)))
    (v128.store (local.get $out) (local.get $S))
    (v128.store offset=16 (local.get $out) (local.get $C))
    (v128.store offset=32 (local.get $out) (local.get $S2))
    (v128.store offset=48 (local.get $out) (local.get $C2))))
