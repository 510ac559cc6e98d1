import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';

/** The presenter-mode toggle (aria-pressed). */
export function PresenterToggle() {
  const presenter = useFlopLab((s) => s.presenter);
  const setPresenter = useFlopLab((s) => s.setPresenter);
  return (
    <Button size="sm" variant={presenter ? 'primary' : 'secondary'} aria-pressed={presenter} onClick={() => setPresenter(!presenter)}>
      Presenter mode
    </Button>
  );
}
