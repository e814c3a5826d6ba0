// Home page: says whether the notice's deadline has passed, computed from today's date in Beijing time.
// Markup: <div data-module="deadline" data-deadline="2021-12-20" data-deadline-label="2021年12月20日">
//           <p data-deadline-status>fallback text for browsers without JavaScript</p></div>
// The deadline day itself still counts ("2021年12月20日前" includes the 20th).

const DAY = 24 * 60 * 60 * 1000;

/** Today's date in China as "YYYY-MM-DD" (whatever the computer's time zone). */
export function todayInChina(now = new Date()) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Whole days from `from` to `to`, both "YYYY-MM-DD". */
export function daysBetween(from, to) {
  const utc = (s) => {
    const [y, m, d] = s.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / DAY);
}

export function init(el) {
  const deadline = el.dataset.deadline;
  const label = el.dataset.deadlineLabel || deadline;
  const out = el.querySelector("[data-deadline-status]");
  if (!deadline || !out) return;
  const left = daysBetween(todayInChina(), deadline);
  const strong = document.createElement("strong");
  out.replaceChildren(strong);
  if (left < 0) {
    el.dataset.state = "closed";
    strong.textContent = "已截止。";
    out.append(
      `本通知的材料报送截止日期是${label}，已经过去 ${-left} 天。` +
        "如要申报新一批试点，请关注国家标准化管理委员会的最新通知，或咨询本省标准化行政主管部门。",
    );
  } else if (left === 0) {
    el.dataset.state = "today";
    strong.textContent = "今天截止。";
    out.append(`材料须在今天（${label}）报送联席办公室。`);
  } else {
    el.dataset.state = "open";
    strong.textContent = `距截止还有 ${left} 天。`;
    out.append(`截止日期是${label}。试点单位的申请要先报送省级标准化行政主管部门，请留出省里审核的时间。`);
  }
}
