pragma circom 2.0.0;

// Tiny test circuit for zkedge's Groth16 vectors: knows a, b with a*b + x = c and a != 0.
template MulSum() {
    signal input a;
    signal input b;
    signal input x;
    signal output c;
    signal ab;
    signal inv;
    ab <== a * b;
    c <== ab + x;
    inv <-- 1 / a;
    inv * a === 1;
}

component main {public [x]} = MulSum();
