// Quick exit. The "Exit this page" link works without this script; where
// scripts run, this makes leaving faster and leaves less behind: the page
// is hidden at once, the neutral site replaces it in the history (so Back
// does not return here), and pressing Shift three times does the same.
(function () {
  'use strict';
  var link = document.querySelector('[data-quick-exit]');
  if (!link) {
    return;
  }
  var hint = document.querySelector('.quick-exit-hint');
  if (hint) {
    hint.hidden = false;
  }
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.classList.add('exiting');
    document.title = '';
    window.location.replace(link.href);
  }
  link.addEventListener('click', leave);
  // Three presses of Shift, each within a second of the last.
  var presses = 0;
  var last = 0;
  document.addEventListener('keyup', function (event) {
    if (event.key !== 'Shift') {
      presses = 0;
      return;
    }
    var now = Date.now();
    presses = now - last < 1000 ? presses + 1 : 1;
    last = now;
    if (presses >= 3) {
      leave();
    }
  });
})();
