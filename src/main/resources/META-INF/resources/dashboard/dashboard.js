// Draws every element with a data-chart attribute (a ChartSpec as JSON) with ECharts, as SVG.
(function () {
  document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
    var spec = JSON.parse(el.dataset.chart);
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      title: { text: spec.title, left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 64, right: 24, top: 48, bottom: 72 },
      xAxis: { type: 'category', data: spec.x, name: spec.xLabel, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: spec.yLabel },
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind, data: s.values, showSymbol: true, stack: spec.stacked ? 'all' : undefined };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
