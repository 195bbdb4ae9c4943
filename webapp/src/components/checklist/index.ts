export {default} from './checklist';
