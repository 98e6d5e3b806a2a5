/**
 * Topic links on the diagram and in the outline: a click opens the drawer; right-click, Shift and
 * Alt mark the topic without opening it. Cmd/Ctrl-click still opens the topic page in a new tab.
 * On a touch screen, a long press on a diagram node opens a small menu to set its status.
 */
import { STATUS_ACTIONS } from '../islands/status-buttons.js';
import { progressOf, setStatus, toggleStatus } from '../state/progress.js';
import { openTopic } from '../state/ui.js';
import { statusOf } from '../../shared/progress-rules.js';

const LINKS = 'a.node[data-topic-id], a.outline-link[data-topic-id]';
/** How long a finger rests on a node before its menu opens, and how far it may drift meanwhile. */
const LONG_PRESS_MS = 500;
const DRIFT_PX = 10;

let menu: HTMLElement | null = null;

function closeMenu(returnFocus = false): void {
  const opener = menu?.dataset.topicId ? document.querySelector<HTMLElement>(`a.node[data-topic-id="${menu.dataset.topicId}"]`) : null;
  menu?.remove();
  menu = null;
  if (returnFocus) opener?.focus();
}

/** The status menu of a diagram node, beside the finger that opened it. */
function openMenu(roadmapId: string, id: string, x: number, y: number): void {
  closeMenu();
  const title = document.querySelector(`a.node[data-topic-id="${id}"] text`)?.textContent?.replace(/\s+/g, ' ').trim() ?? id;
  const current = statusOf(progressOf(roadmapId).value, id);
  const el = document.createElement('div');
  el.className = 'status-menu';
  el.setAttribute('role', 'menu');
  el.setAttribute('aria-label', `Set the status of ${title}`);
  el.dataset.topicId = id;
  el.dataset.statusMenu = '';
  const item = (label: string, run: () => void, pressed?: boolean) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('role', 'menuitemradio');
    button.textContent = label;
    if (pressed !== undefined) button.setAttribute('aria-checked', String(pressed));
    button.addEventListener('click', () => {
      run();
      closeMenu(true);
    });
    el.append(button);
    return button;
  };
  const heading = document.createElement('p');
  heading.className = 'status-menu-title';
  heading.textContent = title;
  el.append(heading);
  for (const action of STATUS_ACTIONS) {
    item(
      action.status === 'pending' ? 'Not started' : action.label === 'Skip' ? 'Skipped' : action.label,
      () => setStatus(roadmapId, id, action.status),
      current === action.status,
    );
  }
  item('Open the topic', () => (openTopic.value = id)).setAttribute('role', 'menuitem');
  el.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeMenu(true);
  });
  document.body.append(el);
  menu = el;
  // Inside the screen, next to the finger.
  const { width, height } = el.getBoundingClientRect();
  el.style.left = `${Math.max(8, Math.min(x - width / 2, innerWidth - width - 8))}px`;
  el.style.top = `${Math.max(8, Math.min(y + 12, innerHeight - height - 8))}px`;
  el.querySelector<HTMLButtonElement>('button')?.focus();
}

export function followTopicLinks(roadmapId: string): void {
  const topicOf = (event: Event) => (event.target as Element).closest<HTMLAnchorElement>(LINKS)?.getAttribute('data-topic-id') ?? null;
  let press: { id: string; x: number; y: number; timer: number } | null = null;
  /** Set when a long press opened the menu: the tap that ends it must not open the drawer too. */
  let pressed = false;
  const cancelPress = () => {
    if (press) clearTimeout(press.timer);
    press = null;
  };
  document.addEventListener('pointerdown', (event) => {
    if (menu && !menu.contains(event.target as Node)) closeMenu();
    const node = (event.target as Element).closest<HTMLAnchorElement>('a.node[data-topic-id]');
    if (event.pointerType !== 'touch' || !node) return;
    const id = node.getAttribute('data-topic-id')!;
    pressed = false;
    const { clientX: x, clientY: y } = event;
    press = {
      id,
      x,
      y,
      timer: window.setTimeout(() => {
        pressed = true;
        press = null;
        openMenu(roadmapId, id, x, y);
      }, LONG_PRESS_MS),
    };
  });
  document.addEventListener('pointermove', (event) => {
    if (press && Math.hypot(event.clientX - press.x, event.clientY - press.y) > DRIFT_PX) cancelPress();
  });
  document.addEventListener('pointerup', cancelPress);
  document.addEventListener('pointercancel', cancelPress);
  document.addEventListener('contextmenu', (event) => {
    const id = topicOf(event);
    if (!id) return;
    event.preventDefault();
    // A long press on a touch screen opens the menu (above), not a toggle.
    if (press || pressed || (event as PointerEvent).pointerType === 'touch') return;
    toggleStatus(roadmapId, id, 'done');
  });
  document.addEventListener('click', (event) => {
    const id = topicOf(event);
    if (!id || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    if (pressed) {
      pressed = false;
      return;
    }
    if (event.shiftKey) toggleStatus(roadmapId, id, 'learning');
    else if (event.altKey) toggleStatus(roadmapId, id, 'skipped');
    else openTopic.value = id;
  });
}
