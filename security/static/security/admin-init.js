// Starts the admin widgets whose start-up code Wagtail writes as inline scripts, which the
// Content-Security-Policy forbids. The templates under security/templates leave a marker
// (data-csp-init) instead; markers added later (a new inline form, a modal) start too.
(function () {
  "use strict";

  var starters = {
    dateChooser: function (marker, config) {
      window.initDateChooser(marker.dataset.cspTarget, config);
    },
    timeChooser: function (marker, config) {
      window.initTimeChooser(marker.dataset.cspTarget, config);
    },
    dateTimeChooser: function (marker, config) {
      window.initDateTimeChooser(marker.dataset.cspTarget, config);
    },
    inlinePanel: function (marker, options) {
      new window.InlinePanel(options);
    },
    multipleChooserPanel: function (marker, options) {
      new window.MultipleChooserPanel(options);
    },
    chooser: function (marker, options) {
      var name = marker.dataset.cspConstructor;
      if (!/^[A-Za-z]+Chooser$/.test(name)) {
        throw new Error("Unknown chooser " + name);
      }
      new window[name](marker.dataset.cspTarget, options);
    },
  };

  function startMarkers(root) {
    if (!root.querySelectorAll) {
      return;
    }
    var markers = Array.prototype.slice.call(root.querySelectorAll("[data-csp-init]"));
    if (root.matches && root.matches("[data-csp-init]")) {
      markers.unshift(root);
    }
    markers.forEach(function (marker) {
      if (marker.dataset.cspStarted || marker.closest("template")) {
        return;
      }
      marker.dataset.cspStarted = "true";
      starters[marker.dataset.cspInit](marker, JSON.parse(marker.dataset.cspConfig || "{}"));
    });
  }

  function watch() {
    startMarkers(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(startMarkers);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
