/**
 * Minimizes a function of one variable the way `scipy.optimize.brent(f, brack=(xa, xb))` does: scipy's downhill
 * bracket search, then Brent's parabolic/golden-section method with the same tolerances. Ported step for step so
 * the Yeo-Johnson λ we fit agrees with scikit-learn's PowerTransformer to ~1e-8.
 */
export function brentMinimize(f: (x: number) => number, xa0: number, xb0: number, tol = 1.48e-8, maxiter = 500): number {
  const [xa, xb, xc, fb] = bracket(f, xa0, xb0);
  const MINTOL = 1e-11;
  const CG = 0.381966;
  let x = xb;
  let w = xb;
  let v = xb;
  let fx = fb;
  let fw = fb;
  let fv = fb;
  let a = xa < xc ? xa : xc;
  let b = xa < xc ? xc : xa;
  let deltax = 0;
  let rat = 0;
  for (let iter = 0; iter < maxiter; iter++) {
    const tol1 = tol * Math.abs(x) + MINTOL;
    const tol2 = 2 * tol1;
    const xmid = 0.5 * (a + b);
    if (Math.abs(x - xmid) < tol2 - 0.5 * (b - a)) break;
    if (Math.abs(deltax) <= tol1) {
      deltax = x >= xmid ? a - x : b - x;
      rat = CG * deltax;
    } else {
      const t1 = (x - w) * (fx - fv);
      let t2 = (x - v) * (fx - fw);
      let p = (x - v) * t2 - (x - w) * t1;
      t2 = 2 * (t2 - t1);
      if (t2 > 0) p = -p;
      t2 = Math.abs(t2);
      const dxTemp = deltax;
      deltax = rat;
      if (p > t2 * (a - x) && p < t2 * (b - x) && Math.abs(p) < Math.abs(0.5 * t2 * dxTemp)) {
        rat = p / t2;
        const u = x + rat;
        if (u - a < tol2 || b - u < tol2) rat = xmid - x >= 0 ? tol1 : -tol1;
      } else {
        deltax = x >= xmid ? a - x : b - x;
        rat = CG * deltax;
      }
    }
    const u = Math.abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
    const fu = f(u);
    if (fu > fx) {
      if (u < x) a = u;
      else b = u;
      if (fu < fw || w === x) {
        v = w; w = u; fv = fw; fw = fu;
      } else if (fu < fv || v === x || v === w) {
        v = u; fv = fu;
      }
    } else {
      if (u >= x) a = x;
      else b = x;
      v = w; w = x; x = u;
      fv = fw; fw = fx; fx = fu;
    }
  }
  return x;
}

/** scipy.optimize.bracket: walks downhill from (xa, xb) until f(xb) is below both ends. */
function bracket(f: (x: number) => number, xa: number, xb: number, growLimit = 110, maxiter = 1000): [number, number, number, number] {
  const GOLD = 1.618034;
  const TINY = 1e-21;
  let fa = f(xa);
  let fb = f(xb);
  if (fa < fb) {
    [xa, xb] = [xb, xa];
    [fa, fb] = [fb, fa];
  }
  let xc = xb + GOLD * (xb - xa);
  let fc = f(xc);
  for (let iter = 0; fc < fb && iter <= maxiter; iter++) {
    const t1 = (xb - xa) * (fb - fc);
    const t2 = (xb - xc) * (fb - fa);
    const val = t2 - t1;
    const denom = Math.abs(val) < TINY ? 2 * TINY : 2 * val;
    let w = xb - ((xb - xc) * t2 - (xb - xa) * t1) / denom;
    const wlim = xb + growLimit * (xc - xb);
    let fw: number;
    if ((w - xc) * (xb - w) > 0) {
      fw = f(w);
      if (fw < fc) {
        return [xb, w, xc, fw];
      } else if (fw > fb) {
        return [xa, xb, w, fb];
      }
      w = xc + GOLD * (xc - xb);
      fw = f(w);
    } else if ((w - wlim) * (wlim - xc) >= 0) {
      w = wlim;
      fw = f(w);
    } else if ((w - wlim) * (xc - w) > 0) {
      fw = f(w);
      if (fw < fc) {
        xb = xc; xc = w; w = xc + GOLD * (xc - xb);
        fb = fc; fc = fw; fw = f(w);
      }
    } else {
      w = xc + GOLD * (xc - xb);
      fw = f(w);
    }
    xa = xb; xb = xc; xc = w;
    fa = fb; fb = fc; fc = fw;
  }
  return [xa, xb, xc, fb];
}
