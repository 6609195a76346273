// CountyRead admins' dashboard: logs in (token kept in memory only), polls the JSON API every
// few seconds, renders tables and Apache ECharts charts, Chinese or English.
(function () {
  'use strict';
  const POLL_MS = 5000;
  const T = {
    zh: {
      title: '县域影像诊断 · 阅片质控看板', period: '统计周期', day1: '今天', day7: '近 7 天', day30: '近 30 天',
      day90: '近 90 天', export: '导出 CSV', logout: '退出', login: '管理员登录', user: '用户名', password: '密码',
      signin: '登录', kpiOpen: '待完成', kpiAtRisk: '即将超时', kpiOverdue: '已超时', kpiArriving: '接收中',
      kpiDeliveries: '待送达报告', kpiCritical: '危急值未确认', kpiWithin: '时限内完成率',
      queue: '工作队列（按状态与优先级）', volume: '每日检查量', risk: '即将超时与已超时',
      tat: '报告周转时间（中位数 / P90）', byTownship: '按乡镇卫生院', byRadiologist: '按医生', byModality: '按检查类型',
      byPriority: '按优先级', critical: '危急值确认时间', updated: '更新于', state: '状态', total: '合计',
      group: '分组', signed: '已签发', median: '中位数', p90: 'P90', within: '时限内', received: '接收', patient: '患者',
      township: '乡镇', modality: '类型', priority: '优先级', assigned: '医生', deadline: '时限', level: '风险',
      escalation: '处理', finding: '危急值', flagged: '报告时间', acked: '确认时间', delay: '确认用时',
      none: '无', minutes: '分钟', count: '例数', ackMedian: '确认用时中位数', ackP90: 'P90', late: '超时确认',
      open: '未确认', badLogin: '用户名或密码错误', notAdmin: '需要管理员账号', offline: '无法连接服务器',
      received_n: '接收', signed_n: '签发',
      states: { received: '待分配', assigned: '已分配', in_reading: '阅片中', signed: '已签发', delivered: '已送达',
                returned: '退回重拍', cancelled: '已取消', amended: '已更正' },
      priorities: { emergency: '急诊', urgent: '加急', routine: '常规' },
      levels: { overdue: '已超时', at_risk: '即将超时' },
    },
    en: {
      title: 'CountyRead · Reading turnaround dashboard', period: 'Period', day1: 'Today', day7: 'Last 7 days',
      day30: 'Last 30 days', day90: 'Last 90 days', export: 'Export CSV', logout: 'Log out', login: 'Admin login',
      user: 'User', password: 'Password', signin: 'Log in', kpiOpen: 'Open', kpiAtRisk: 'At risk', kpiOverdue: 'Overdue',
      kpiArriving: 'Arriving', kpiDeliveries: 'Deliveries pending', kpiCritical: 'Critical unacknowledged',
      kpiWithin: 'Within limit', queue: 'Queue by state and priority', volume: 'Daily volume',
      risk: 'At risk and overdue', tat: 'Turnaround (median / p90)', byTownship: 'By township',
      byRadiologist: 'By radiologist', byModality: 'By modality', byPriority: 'By priority',
      critical: 'Critical finding acknowledgement', updated: 'Updated', state: 'State', total: 'Total', group: 'Group',
      signed: 'Signed', median: 'Median', p90: 'p90', within: 'Within limit', received: 'Received', patient: 'Patient',
      township: 'Township', modality: 'Modality', priority: 'Priority', assigned: 'Radiologist', deadline: 'Deadline',
      level: 'Risk', escalation: 'Action', finding: 'Finding', flagged: 'Flagged', acked: 'Acknowledged',
      delay: 'Delay', none: 'none', minutes: 'min', count: 'Count', ackMedian: 'Median delay', ackP90: 'p90',
      late: 'Late', open: 'Open', badLogin: 'Unknown user or wrong password', notAdmin: 'An admin account is needed',
      offline: 'Cannot reach the server', received_n: 'received', signed_n: 'signed',
      states: { received: 'Received', assigned: 'Assigned', in_reading: 'In reading', signed: 'Signed',
                delivered: 'Delivered', returned: 'Returned', cancelled: 'Cancelled', amended: 'Amended' },
      priorities: { emergency: 'Emergency', urgent: 'Urgent', routine: 'Routine' },
      levels: { overdue: 'Overdue', at_risk: 'At risk' },
    },
  };
  const STATES = ['received', 'assigned', 'in_reading', 'signed', 'delivered', 'returned', 'cancelled', 'amended'];
  const PRIORITIES = ['emergency', 'urgent', 'routine'];
  const PRIORITY_COLORS = { emergency: '#d64545', urgent: '#f0b429', routine: '#3e7cb1' };

  const params = new URLSearchParams(location.search);
  let lang = params.get('lang') || localStorage.getItem('countyread.lang') || 'zh';
  if (!T[lang]) lang = 'zh';
  let token = null;
  let timer = null;
  let last = { summary: null, tat: null };
  const charts = {};

  // A token handed over in the fragment (#token=...) is taken into memory and removed from the URL.
  const frag = new URLSearchParams(location.hash.slice(1));
  if (frag.get('token')) {
    token = frag.get('token');
    history.replaceState(null, '', location.pathname + location.search);
  }

  const $ = (id) => document.getElementById(id);
  const t = (k) => T[lang][k] !== undefined ? T[lang][k] : k;
  const esc = (s) => String(s === undefined || s === null ? '' : s).replace(/[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  const mins = (s) => (s / 60).toFixed(s >= 600 ? 0 : 1);
  const pct = (x) => (x * 100).toFixed(1) + '%';
  const localTime = (iso) => {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return iso;
    const b = new Date(d.getTime() + 8 * 3600 * 1000);  // Beijing time, no DST
    return b.toISOString().slice(5, 16).replace('T', ' ');
  };

  function applyLang() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    localStorage.setItem('countyread.lang', lang);
    if (last.summary) renderSummary(last.summary);
    if (last.tat) renderTat(last.tat);
  }

  async function api(path) {
    const res = await fetch(path, { headers: { Authorization: 'Bearer ' + token } });
    if (res.status === 401) { logout(); throw new Error('401'); }
    if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error || res.status);
    return res;
  }

  function period() {
    const days = Number($('period').value || 7);
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(today + 'T00:00:00Z') - (days - 1) * 86400000).toISOString().slice(0, 10);
    return { from, to: today };
  }

  function table(id, head, rows) {
    const el = $(id);
    el.tHead.innerHTML = '<tr>' + head.map((h) => `<th class="${h[1] || ''}">${esc(h[0])}</th>`).join('') + '</tr>';
    el.tBodies[0].innerHTML = rows.length ? rows.join('') : `<tr><td colspan="${head.length}">${esc(t('none'))}</td></tr>`;
  }

  function chart(id) {
    if (!window.echarts) return null;
    if (!charts[id]) {
      const c = window.echarts.init($(id), null, { renderer: 'canvas' });
      c.on('finished', () => {
        // Marks the container once the canvas holds drawn pixels (what the browser test checks).
        const canvas = $(id).querySelector('canvas');
        if (!canvas) return;
        const ctx = canvas.getContext('2d');
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let ink = 0;
        for (let i = 3; i < data.length; i += 16) if (data[i] > 0) ink++;
        $(id).dataset.drawn = ink > 0 ? 'true' : 'false';
        $(id).dataset.ink = String(ink);
      });
      charts[id] = c;
    }
    return charts[id];
  }

  function renderSummary(s) {
    const counts = {};
    (s.queue || []).forEach((q) => { counts[q.state] = counts[q.state] || {}; counts[q.state][q.priority] = q.count; });
    const open = ['received', 'assigned', 'in_reading'].reduce((n, st) => n + (s.by_state[st] || 0), 0);
    $('kpi-open').textContent = open;
    $('kpi-at-risk').textContent = s.at_risk;
    $('kpi-overdue').textContent = s.overdue;
    $('kpi-arriving').textContent = s.arriving;
    $('kpi-deliveries').textContent = s.deliveries_pending;
    $('kpi-critical-open').textContent = (s.critical_open || []).length;
    table('queue-table', [[t('state')]].concat(PRIORITIES.map((p) => [t('priorities')[p], 'num']), [[t('total'), 'num']]),
      STATES.filter((st) => counts[st]).map((st) =>
        `<tr data-state="${st}"><td>${esc(t('states')[st])}</td>` +
        PRIORITIES.map((p) => `<td class="num count" data-priority="${p}">${(counts[st] || {})[p] || 0}</td>`).join('') +
        `<td class="num total">${s.by_state[st] || 0}</td></tr>`));
    const qc = chart('queue-chart');
    if (qc) {
      const shown = STATES.filter((st) => counts[st]);
      qc.setOption({
        animation: false, tooltip: {}, legend: { top: 0 }, grid: { left: 40, right: 10, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: shown.map((st) => t('states')[st]) }, yAxis: { type: 'value', minInterval: 1 },
        series: PRIORITIES.map((p) => ({ name: t('priorities')[p], type: 'bar', stack: 'q', color: PRIORITY_COLORS[p],
          data: shown.map((st) => (counts[st] || {})[p] || 0) })),
      }, true);
    }
    table('risk-table', [[t('level')], [t('patient')], [t('township')], [t('modality')], [t('priority')],
      [t('assigned')], [t('received')], [t('deadline')], [t('escalation')]],
    (s.at_risk_items || []).map((r) => {
      const level = r.overdue ? 'overdue' : 'at_risk';
      return `<tr class="${level}" data-study="${esc(r.study_uid)}"><td>${esc(t('levels')[level])}</td>` +
        `<td>${esc(r.patient_name)}</td><td>${esc(r.township_name || r.township)}</td><td>${esc(r.modality)}</td>` +
        `<td>${esc(t('priorities')[r.priority])}</td><td>${esc(r.assigned_name || r.assigned_to)}</td>` +
        `<td>${esc(localTime(r.received_at))}</td><td>${esc(localTime(r.deadline))}</td><td>${esc(r.escalation)}</td></tr>`;
    }));
  }

  function tatRows(list, label) {
    return (list || []).map((g) => `<tr data-group="${esc(g.group)}"><td>${esc(label ? label(g) : g.name)}</td>` +
      `<td class="num">${g.signed}</td><td class="num median">${mins(g.median_s)}</td>` +
      `<td class="num p90">${mins(g.p90_s)}</td><td class="num">${pct(g.share_within_limit)}</td></tr>`);
  }

  function renderTat(m) {
    const head = [[t('group')], [t('signed'), 'num'], [t('median') + ' (' + t('minutes') + ')', 'num'],
      [t('p90') + ' (' + t('minutes') + ')', 'num'], [t('within'), 'num']];
    table('tat-township', head, tatRows(m.groups.township));
    table('tat-radiologist', head, tatRows(m.groups.radiologist));
    table('tat-modality', head, tatRows(m.groups.modality));
    table('tat-priority', head, tatRows(m.groups.priority, (g) => t('priorities')[g.group] || g.group));
    $('kpi-within').textContent = m.overall && m.overall.signed !== undefined ? pct(m.overall.share_within_limit) : '–';
    const tc = chart('tat-chart');
    if (tc) {
      const rows = m.groups.township || [];
      tc.setOption({
        animation: false, tooltip: {}, legend: { top: 0 }, grid: { left: 50, right: 10, top: 30, bottom: 40 },
        xAxis: { type: 'category', data: rows.map((g) => g.name) },
        yAxis: { type: 'value', name: t('minutes') },
        series: [
          { name: t('median'), type: 'bar', color: '#3e7cb1', data: rows.map((g) => +mins(g.median_s)) },
          { name: t('p90'), type: 'bar', color: '#f0b429', data: rows.map((g) => +mins(g.p90_s)) },
        ],
      }, true);
    }
    const vc = chart('volume-chart');
    if (vc) {
      const days = m.daily_volume || [];
      vc.setOption({
        animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 10, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) }, yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('received_n'), type: 'bar', color: '#3e7cb1', data: days.map((d) => d.received) },
          { name: t('signed_n'), type: 'line', color: '#2f9e44', data: days.map((d) => d.signed) },
        ],
      }, true);
    }
    const c = m.critical;
    $('critical-stats').innerHTML = `${esc(t('count'))}: <b id="critical-count">${c.count}</b> · ${esc(t('open'))}: ` +
      `<b id="critical-open">${c.open}</b> · ${esc(t('ackMedian'))}: <b id="critical-median">${mins(c.median_ack_s)}</b> ` +
      `${esc(t('minutes'))} · ${esc(t('ackP90'))}: <b>${mins(c.p90_ack_s)}</b> ${esc(t('minutes'))} · ` +
      `${esc(t('late'))}: <b id="critical-late">${c.late}</b>`;
    table('critical-table', [[t('finding')], [t('township')], [t('flagged')], [t('acked')], [t('delay'), 'num']],
      (c.findings || []).map((f) => `<tr><td>${esc(f.finding)}</td><td>${esc(f.township_name || f.township)}</td>` +
        `<td>${esc(localTime(f.flagged_at))}</td><td>${esc(localTime(f.acknowledged_at) || t('open'))}</td>` +
        `<td class="num">${f.ack_seconds === null ? '' : mins(f.ack_seconds) + ' ' + esc(t('minutes'))}</td></tr>`));
  }

  async function refresh() {
    if (!token) return;
    try {
      const p = period();
      const [summary, tat] = await Promise.all([
        api('/api/v1/metrics/summary').then((r) => r.json()),
        api(`/api/v1/metrics/turnaround?from=${p.from}&to=${p.to}`).then((r) => r.json()),
      ]);
      last = { summary, tat };
      renderSummary(summary);
      renderTat(tat);
      $('updated-at').textContent = localTime(summary.now) || new Date().toLocaleTimeString();
      $('status').textContent = '';
      document.body.dataset.loaded = 'true';
    } catch (e) {
      if (String(e.message) !== '401') $('status').textContent = t('offline') + ': ' + e.message;
    }
  }

  function show() {
    $('login').hidden = !!token;
    $('board').hidden = !token;
    $('logout').hidden = !token;
    if (token) {
      refresh();
      clearInterval(timer);
      timer = setInterval(refresh, POLL_MS);
    }
  }

  function logout() {
    token = null;
    clearInterval(timer);
    show();
  }

  $('login').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('login-error').textContent = '';
    try {
      const res = await fetch('/api/v1/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: $('login-user').value, password: $('login-password').value }) });
      const body = await res.json();
      if (!res.ok) { $('login-error').textContent = t('badLogin'); return; }
      if (body.user.role !== 'admin') { $('login-error').textContent = t('notAdmin'); return; }
      token = body.token;
      $('login-password').value = '';
      show();
    } catch (e) {
      $('login-error').textContent = t('offline');
    }
  });
  $('logout').addEventListener('click', logout);
  $('lang-zh').addEventListener('click', () => { lang = 'zh'; applyLang(); });
  $('lang-en').addEventListener('click', () => { lang = 'en'; applyLang(); });
  $('period').addEventListener('change', refresh);
  $('export-csv').addEventListener('click', async () => {
    const p = period();
    const res = await api(`/api/v1/export/worklist.csv?from=${p.from}&to=${p.to}`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `countyread-worklist-${p.from}-${p.to}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  applyLang();
  show();
})();
