// 法人注册地址 省(市) / 县(区): suggestions from the GB/T 2260 data the build writes (assets/smpls/data/gb2260.json).
// The inputs stay plain text boxes: the lists only suggest (a <datalist>), so any name can still be typed,
// and if this module or the data fails, the boxes work as before.
import { fill } from "./text.js";

function option(value, label) {
  const o = document.createElement("option");
  o.value = value;
  if (label) o.label = label;
  return o;
}

function findProvince(data, text) {
  const t = (text || "").trim();
  if (!t) return null;
  return (
    data.provinces.find((p) => p.name === t) ||
    data.provinces.find((p) => p.name.startsWith(t) && t.length >= 2) ||
    null
  );
}

/**
 * @param {HTMLElement} root  the form
 * @param {string} url        the JSON written by the build
 * @param {{counties: string}} words the page's words for the county hint (words.regions)
 */
export async function initRegions(root, url, words) {
  const prov = root.querySelector('[data-region="province"]');
  const county = root.querySelector('[data-region="county"]');
  if (!prov || !county) return null;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`行政区划数据加载失败：HTTP ${res.status}`);
  const data = await res.json();

  const provList = document.createElement("datalist");
  provList.id = "smpls-provinces";
  for (const p of data.provinces) provList.append(option(p.name));
  const countyList = document.createElement("datalist");
  countyList.id = "smpls-counties";
  root.append(provList, countyList);
  prov.setAttribute("list", provList.id);
  county.setAttribute("list", countyList.id);

  const countyHint = document.getElementById(`${county.id}-hint`);
  const baseHint = countyHint ? countyHint.textContent : "";
  let shown = null;
  const follow = () => {
    const p = findProvince(data, prov.value);
    if (p === shown) return;
    shown = p;
    const opts = p ? p.counties.map(([name, city]) => option(name, city)) : [];
    countyList.replaceChildren(...opts);
    if (countyHint) {
      countyHint.textContent = p
        ? baseHint + fill(words.counties, { province: p.name, n: p.counties.length })
        : baseHint;
    }
  };
  prov.addEventListener("input", follow);
  prov.addEventListener("change", follow);
  follow();
  return { follow, data };
}
