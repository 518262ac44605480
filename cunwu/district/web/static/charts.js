// The overview's charts (ECharts from static/vendor): villages by 低保 households and by days
// since their last bundle. The numbers come from each chart's data-values attribute, since the
// page's Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
  var MOST = 25; // bars a chart shows: the villages that matter most at a glance

  function top(names, values) {
    var pairs = names.map(function (n, i) { return [n, values[i]]; })
      .filter(function (p) { return p[1] !== null; });
    pairs.sort(function (a, b) { return b[1] - a[1]; });
    return pairs.slice(0, MOST).reverse(); // largest at the top of a horizontal bar chart
  }

  function bars(title, pairs, unit, colour) {
    return {
      textStyle: { fontFamily: FONT, fontSize: 14 },
      title: { text: title, left: 0, textStyle: { fontSize: 16, fontFamily: FONT } },
      grid: { left: 8, right: 48, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1, name: unit },
      yAxis: { type: "category", data: pairs.map(function (p) { return p[0]; }) },
      series: [{ type: "bar", data: pairs.map(function (p) { return p[1]; }), itemStyle: { color: colour },
                 label: { show: true, position: "right" } }],
      animation: false
    };
  }

  function dibao(d) {
    return bars("各村低保户数", top(d.names, d.dibao), "户", "#1f5f99");
  }

  function stale(d) {
    var pairs = top(d.names, d.days);
    var option = bars("各村距最近数据包天数（超过 " + d.stale_after + " 天为逾期）", pairs, "天", "#1f5f99");
    option.series[0].data = pairs.map(function (p) {
      return { value: p[1], itemStyle: { color: p[1] > d.stale_after ? "#a33" : "#1f5f99" } };
    });
    option.series[0].markLine = { symbol: "none", data: [{ xAxis: d.stale_after }],
                                  lineStyle: { color: "#a33", type: "dashed" }, label: { formatter: "{c} 天" } };
    return option;
  }

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var d = JSON.parse(el.getAttribute("data-values"));
      var chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(el.getAttribute("data-chart") === "dibao" ? dibao(d) : stale(d));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
}());
